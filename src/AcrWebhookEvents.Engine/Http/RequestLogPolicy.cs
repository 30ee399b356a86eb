using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// Writes each try of our own requests to the request's Debug diagnostics, sanitized. Runs after the
    /// authentication policy, so the Authorization header it shows is the one sent, as REDACTED.
    /// </summary>
    internal sealed class RequestLogPolicy : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            IAcrDiagnostics? diagnostics = RequestState.Of(message).Diagnostics;
            if (diagnostics is null)
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                return;
            }

            diagnostics.Debug(DescribeRequest(message, RequestState.Of(message).Tries));
            var stopwatch = Stopwatch.StartNew();
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                diagnostics.Debug(
                    $"HTTP {message.Request.Method} failed after {stopwatch.ElapsedMilliseconds} ms: "
                        + ArmRetryPolicy.Describe(ex));
                throw;
            }

            diagnostics.Debug(DescribeResponse(message, stopwatch.ElapsedMilliseconds));
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        private static string DescribeRequest(HttpMessage message, int attempt)
        {
            Request request = message.Request;
            var text = new StringBuilder();
            text.Append("HTTP request: ").Append(request.Method).Append(' ')
                .Append(LogSanitizer.Url(request.Uri.ToUri()));
            text.Append(" (try ").Append(attempt).Append(')');
            foreach (HttpHeader header in request.Headers)
            {
                text.Append("\n  ").Append(header.Name).Append(": ")
                    .Append(LogSanitizer.Header(header.Name, header.Value));
            }

            return text.ToString();
        }

        private static string DescribeResponse(HttpMessage message, long milliseconds)
        {
            Azure.Response response = message.Response;
            var text = new StringBuilder();
            text.Append("HTTP response: ").Append(response.Status).Append(' ').Append(response.ReasonPhrase)
                .Append(" in ").Append(milliseconds).Append(" ms");
            foreach (HttpHeader header in response.Headers)
            {
                text.Append("\n  ").Append(header.Name).Append(": ")
                    .Append(LogSanitizer.Header(header.Name, header.Value));
            }

            return text.ToString();
        }
    }
}
