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

        internal ArmClient(HttpPipeline pipeline, Uri endpoint, AcrAuthMethod authMethod)
        {
            _pipeline = pipeline;
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

        /// <summary>Sends one request; answers other than 200 become <see cref="AcrRequestException"/>.</summary>
        /// <param name="method">GET or POST.</param>
        /// <param name="uri">An absolute URI on <see cref="Endpoint"/>.</param>
        /// <param name="what">What the request is about, for error messages ("webhook demoregistry/buildhook").</param>
        /// <param name="cancellationToken">Cancels the request in flight.</param>
        /// <param name="retry">False for requests that must reach the service at most once.</param>
        internal async Task<ArmResponse> SendAsync(
            RequestMethod method,
            Uri uri,
            string what,
            CancellationToken cancellationToken,
            bool retry = true)
        {
            using HttpMessage message = _pipeline.CreateMessage();
            if (!retry)
            {
                message.ResponseClassifier = NoRetryClassifier.Instance;
            }

            message.Request.Method = method;
            message.Request.Uri.Reset(uri);
            message.Request.Headers.Add(HttpHeader.Names.Accept, "application/json");
            var stopwatch = Stopwatch.StartNew();
            try
            {
                await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex)
            {
                throw new AcrException(
                    AcrErrorKind.Timeout,
                    $"{method} {uri.AbsolutePath} for {what} timed out: no answer within the network timeout, "
                        + "retries included. Raise it with Connect-AcrAccount -NetworkTimeout if the network is slow.",
                    ex);
            }
            catch (AuthenticationFailedException ex)
            {
                throw CredentialFailure(ex);
            }
            catch (RequestFailedException ex)
            {
                throw new AcrException(
                    AcrErrorKind.Connection,
                    $"{method} {uri.AbsolutePath} for {what} failed: {ex.Message}",
                    ex);
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
                return new ArmResponse(response.Content, summary);
            }

            throw Failure(response, summary, what);
        }

        /// <summary>Wraps an Azure.Identity failure in our own type, keeping the credential's explanation.</summary>
        internal static AcrException CredentialFailure(Exception ex) =>
            new AcrException(
                AcrErrorKind.Authentication,
                "Could not get a token for Azure Resource Manager. " + ex.Message
                    + " Sign in with Connect-AcrAccount (-Identity in Azure Automation or App Service, "
                    + "-AccessToken with a token from elsewhere), or with 'az login' for the default chain.",
                ex);

        private AcrRequestException Failure(Response response, RequestSummary summary, string what)
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

            text += Hint(kind);
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
                " listEvents counts against ARM's write throttling budget; wait a minute before trying again.",
            _ => string.Empty,
        };

        private static string? Header(Response response, string name) =>
            response.Headers.TryGetValue(name, out string? value) ? value : null;
    }
}
