using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AcrWebhookEvents.Engine.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// Sends requests to one ARM endpoint through one Azure.Core pipeline, and turns every failure into an
    /// <see cref="AcrException"/>, so no Azure type reaches the cmdlets.
    /// </summary>
    internal sealed class ArmClient
    {
        private readonly HttpPipeline _pipeline;
        private readonly AcrAuthMethod _authMethod;
        private readonly TimeSpan _networkTimeout;

        internal ArmClient(HttpPipeline pipeline, Uri endpoint, AcrAuthMethod authMethod, TimeSpan networkTimeout)
        {
            _pipeline = pipeline;
            _networkTimeout = networkTimeout;
            Endpoint = endpoint;
            _authMethod = authMethod;
        }

        /// <summary>The ARM origin, ending in a slash.</summary>
        internal Uri Endpoint { get; }

        internal Uri BuildUri(string path, string apiVersion)
        {
            var builder = new RequestUriBuilder();
            builder.Reset(Endpoint);
            builder.AppendPath(path.TrimStart('/'), escape: false);
            builder.AppendQuery("api-version", apiVersion, true);
            return builder.ToUri();
        }

        /// <summary>
        /// Sends one request; answers other than 200 become <see cref="AcrRequestException"/>. The caller disposes
        /// the answer once read: its body is in a pooled buffer.
        /// </summary>
        /// <param name="method">GET or POST.</param>
        /// <param name="uri">An absolute URI on <see cref="Endpoint"/>.</param>
        /// <param name="what">What the request is about, for error messages ("webhook demoregistry/buildhook").</param>
        /// <param name="diagnostics">
        /// Where retries and, for -Debug, each try are reported; null reports nothing.
        /// </param>
        /// <param name="cancellationToken">Cancels the request in flight, and any wait between tries.</param>
        /// <param name="retry">False for requests that must reach the service at most once.</param>
        /// <exception cref="OperationCanceledException">The caller cancelled: a stop, not an error.</exception>
        /// <exception cref="AcrException">Any other failure, after retries.</exception>
        internal async Task<ArmResponse> SendAsync(
            RequestMethod method,
            Uri uri,
            string what,
            IAcrDiagnostics? diagnostics,
            CancellationToken cancellationToken,
            bool retry = true)
        {
            using HttpMessage message = _pipeline.CreateMessage();

            // PooledBodyPolicy reads the body inside the retry policy, into a pooled buffer.
            message.BufferResponse = false;
            if (!retry)
            {
                message.ResponseClassifier = NoRetryClassifier.Instance;
            }

            message.Request.Method = method;
            message.Request.Uri.Reset(uri);
            message.Request.Headers.Add(HttpHeader.Names.Accept, "application/json");
            RequestState state = RequestState.Of(message);
            state.Diagnostics = diagnostics;
            var stopwatch = Stopwatch.StartNew();
            try
            {
                return await SendThroughPipelineAsync(message, method, uri, what, state, stopwatch, cancellationToken)
                    .ConfigureAwait(false);
            }
            finally
            {
                state.ReleaseBody();
            }
        }

        private async Task<ArmResponse> SendThroughPipelineAsync(
            HttpMessage message,
            RequestMethod method,
            Uri uri,
            string what,
            RequestState state,
            Stopwatch stopwatch,
            CancellationToken cancellationToken)
        {
            try
            {
                await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested)
            {
                // A user stop (Ctrl+C, Select-Object -First) is not an error, whatever the pipeline threw on the way.
                throw ex as OperationCanceledException
                    ?? new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            catch (Exception ex)
            {
                throw TransportFailure(method, uri, what, ex, state, stopwatch.Elapsed);
            }

            Response response = message.Response;
            var summary = new RequestSummary(
                method.ToString(),
                uri.AbsolutePath,
                response.Status,
                Header(response, "x-ms-correlation-request-id"),
                stopwatch.Elapsed);
            if (response.Status == 200)
            {
                return new ArmResponse(state.TakeBody(), summary);
            }

            throw Failure(response, summary, what, state);
        }

        /// <summary>
        /// No usable answer: a timeout, a broken connection, a credential that gave no token, or a body our own
        /// policy refused (that last one already an <see cref="AcrException"/>).
        /// </summary>
        private AcrException TransportFailure(
            RequestMethod method,
            Uri uri,
            string what,
            Exception exception,
            RequestState state,
            TimeSpan elapsed)
        {
            // With retries, Azure.Core throws an AggregateException of every try's failure; the last one decides.
            Exception last = exception is AggregateException many && many.InnerExceptions.Count > 0
                ? many.InnerExceptions[many.InnerExceptions.Count - 1]
                : exception;
            string request = $"{method} {uri.AbsolutePath} for {what}";
            string tries = state.Tries == 1 ? "1 try" : $"{state.Tries} tries";
            switch (last)
            {
                case AcrException ours:
                    // Already ours and final (a body too long to buffer), alone or after earlier tries' failures.
                    return ours;

                case AuthenticationFailedException _:
                    return CredentialFailure(last);

                case OperationCanceledException _ when ArmRetryPolicy.IsTimeout(last):
                    return new AcrException(
                        AcrErrorKind.Timeout,
                        $"{request} timed out: no answer within the network timeout of "
                            + $"{ArmRetryPolicy.Seconds(_networkTimeout)} on {tries} "
                            + $"({ArmRetryPolicy.Seconds(elapsed)} waited in all). If the network is slow, raise it "
                            + "with Connect-AcrAccount -TimeoutSec.",
                        exception);

                default:
                    return new AcrException(
                        AcrErrorKind.Connection,
                        $"{request} failed after {tries}: {ArmRetryPolicy.Describe(last)}.",
                        exception);
            }
        }

        /// <summary>Wraps an Azure.Identity failure in our own type, keeping the credential's explanation.</summary>
        internal static AcrException CredentialFailure(Exception ex) =>
            new AcrException(
                AcrErrorKind.Authentication,
                "Could not get a token for Azure Resource Manager. " + ex.Message
                    + " Sign in with Connect-AcrAccount (-Identity in Azure Automation or App Service, "
                    + "-AccessToken with a token from elsewhere), or with 'az login' for the default chain.",
                ex);

        private AcrRequestException Failure(Response response, RequestSummary summary, string what, RequestState state)
        {
            string? code = null;
            string? serviceMessage = null;
            try
            {
                ArmErrorResponseDto? body = JsonSerializer.Deserialize(
                    response.Content.ToMemory().Span,
                    EngineJsonContext.Default.ArmErrorResponseDto);
                code = body?.Error?.Code;
                serviceMessage = body?.Error?.Message;
            }
            catch (JsonException)
            {
                // Not ARM's error shape (a proxy's HTML page, say): the status alone must do.
            }

            int status = response.Status;
            AcrErrorKind kind = status switch
            {
                401 => AcrErrorKind.Authentication,
                403 => AcrErrorKind.PermissionDenied,
                404 => AcrErrorKind.NotFound,
                400 or 409 or 422 => AcrErrorKind.InvalidArgument,
                408 => AcrErrorKind.Timeout,
                429 => AcrErrorKind.Throttled,
                >= 500 => AcrErrorKind.ServiceError,
                _ => AcrErrorKind.Unknown,
            };
            string text = $"ARM answered {status} {code ?? response.ReasonPhrase} for {what}";
            if (!string.IsNullOrEmpty(serviceMessage))
            {
                text += ": " + serviceMessage!.TrimEnd('.') + ".";
            }
            else
            {
                text += ".";
            }

            if (state.Tries > 1)
            {
                text += $" That was the answer to try {state.Tries}, after "
                    + $"{ArmRetryPolicy.Seconds(state.Waited)} of waits.";
            }

            if (state.RefusedWait.HasValue)
            {
                text += $" ARM asked to wait {ArmRetryPolicy.Seconds(state.RefusedWait.Value)} before trying again, "
                    + "longer than this module waits for one retry; try again later.";
            }

            text += Hint(kind);
            string? writes = Header(response, RequestState.RemainingWritesHeader);
            if (kind == AcrErrorKind.Throttled && writes != null)
            {
                text += $" Remaining write budget reported by ARM: {writes}.";
            }

            if (summary.CorrelationId != null)
            {
                text += $" Correlation ID: {summary.CorrelationId}.";
            }

            return new AcrRequestException(kind, text, status, code, serviceMessage, summary.CorrelationId);
        }

        private string Hint(AcrErrorKind kind) => kind switch
        {
            AcrErrorKind.Authentication when _authMethod == AcrAuthMethod.AccessToken =>
                " The access token given to Connect-AcrAccount was refused, probably because it expired; it cannot be"
                    + " refreshed. Get a new one (for example (Get-AzAccessToken).Token) and connect again.",
            AcrErrorKind.Authentication => " The token was refused; sign in again with Connect-AcrAccount.",
            AcrErrorKind.PermissionDenied =>
                " Listing events is an action (Microsoft.ContainerRegistry/registries/webhooks/listEvents/action),"
                    + " which the Reader role lacks: use a role that grants it, such as Contributor.",
            AcrErrorKind.Throttled =>
                " ARM throttled the subscription: listEvents is an action and counts against ARM's write throttling"
                    + " budget, shared with every other write in the subscription; wait a minute before trying again.",
            AcrErrorKind.NotFound =>
                " Check the subscription, resource group, registry and webhook names.",
            _ => string.Empty,
        };

        private static string? Header(Response response, string name) =>
            response.Headers.TryGetValue(name, out string? value) ? value : null;
    }
}
