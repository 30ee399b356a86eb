using System.Collections.Generic;

namespace AcrWebhookEvents
{
    /// <summary>The webhook endpoint's answer, as the registry recorded it.</summary>
    public sealed class EventResponseMessage
    {
        /// <summary>The response body.</summary>
        public string? Content { get; internal set; }

        /// <summary>The response headers; values that may be secrets are masked unless -ShowSecret was given.</summary>
        public IReadOnlyDictionary<string, string?> Headers { get; internal set; } = HeaderDictionary.Empty;

        /// <summary>The reason phrase, such as OK.</summary>
        public string? ReasonPhrase { get; internal set; }

        /// <summary>
        /// The status code exactly as the service recorded it (a string); missing when no answer came.
        /// </summary>
        public string? StatusCode { get; internal set; }

        /// <summary>The HTTP version.</summary>
        public string? Version { get; internal set; }

        /// <summary>Status and reason, such as "200 OK", or "no response".</summary>
        public override string ToString() =>
            string.IsNullOrEmpty(StatusCode) ? "no response" : $"{StatusCode} {ReasonPhrase}".Trim();
    }
}
