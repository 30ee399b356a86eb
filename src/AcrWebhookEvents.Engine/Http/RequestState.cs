using System;
using Azure;
using Azure.Core;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// What our policies share about one request across its tries, carried on the <see cref="HttpMessage"/>: where
    /// to report, how many tries were made and how long was waited. Never holds a token.
    /// </summary>
    internal sealed class RequestState
    {
        internal const string RemainingWritesHeader = "x-ms-ratelimit-remaining-subscription-writes";
        private const string PropertyName = "AcrWebhookEvents.RequestState";

        /// <summary>Where this request reports retries and HTTP steps; null reports nothing.</summary>
        internal IAcrDiagnostics? Diagnostics { get; set; }

        /// <summary>Tries started so far, the first included.</summary>
        internal int Tries { get; set; }

        /// <summary>Tries that got no answer within the network timeout.</summary>
        internal int TimedOutTries { get; set; }

        /// <summary>Time spent waiting between tries.</summary>
        internal TimeSpan Waited { get; set; }

        /// <summary>A wait the server asked for that was too long to honour.</summary>
        internal TimeSpan? RefusedWait { get; set; }

        /// <summary>True once a fresh token was asked for after a 401.</summary>
        internal bool RefreshedToken { get; set; }

        private PooledBody? _body;

        /// <summary>Keeps the body of the latest try's answer, giving back the one of an earlier try.</summary>
        internal void SetBody(PooledBody body)
        {
            _body?.Dispose();
            _body = body;
        }

        /// <summary>Hands the latest body over to the caller, who disposes it.</summary>
        internal PooledBody TakeBody()
        {
            PooledBody body = _body ?? PooledBody.Empty;
            _body = null;
            return body;
        }

        /// <summary>Gives back a body nobody took.</summary>
        internal void ReleaseBody()
        {
            _body?.Dispose();
            _body = null;
        }

        internal static RequestState Of(HttpMessage message)
        {
            if (message.TryGetProperty(PropertyName, out object? value) && value is RequestState state)
            {
                return state;
            }

            var created = new RequestState();
            message.SetProperty(PropertyName, created);
            return created;
        }

        internal static string? Header(Response? response, string name) =>
            response != null && response.Headers.TryGetValue(name, out string? value) ? value : null;
    }
}
