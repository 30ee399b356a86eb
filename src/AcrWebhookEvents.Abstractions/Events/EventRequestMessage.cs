using System.Collections.Generic;

namespace AcrWebhookEvents
{
    /// <summary>The request the registry sent to the webhook's service URI.</summary>
    public sealed class EventRequestMessage
    {
        /// <summary>The event payload.</summary>
        public EventContent? Content { get; internal set; }

        /// <summary>The request headers; values that may be secrets are masked unless -ShowSecret was given.</summary>
        public IReadOnlyDictionary<string, string?> Headers { get; internal set; } = HeaderDictionary.Empty;

        /// <summary>The HTTP method used.</summary>
        public string? Method { get; internal set; }

        /// <summary>The URI called; query values are masked unless -ShowSecret was given.</summary>
        public string? RequestUri { get; internal set; }

        /// <summary>The HTTP version.</summary>
        public string? Version { get; internal set; }

        /// <summary>Method and URI.</summary>
        public override string ToString() => $"{Method} {RequestUri}".Trim();
    }
}
