namespace AcrWebhookEvents
{
    /// <summary>The registry request that generated the event.</summary>
    public sealed class EventRequest
    {
        /// <summary>The ID of the request.</summary>
        public string? Id { get; internal set; }

        /// <summary>The client's address (IP or host, possibly with a port).</summary>
        public string? Addr { get; internal set; }

        /// <summary>The registry host name the client used.</summary>
        public string? Host { get; internal set; }

        /// <summary>The request method.</summary>
        public string? Method { get; internal set; }

        /// <summary>The client's user agent.</summary>
        public string? UserAgent { get; internal set; }

        /// <summary>Method, host and client.</summary>
        public override string ToString() => $"{Method} {Host} from {Addr}".Trim();
    }

    /// <summary>The agent that initiated the event.</summary>
    public sealed class EventActor
    {
        /// <summary>The user or identity name.</summary>
        public string? Name { get; internal set; }

        /// <summary>The name.</summary>
        public override string ToString() => Name ?? string.Empty;
    }

    /// <summary>The registry node that generated the event.</summary>
    public sealed class EventSource
    {
        /// <summary>The node's address and port.</summary>
        public string? Addr { get; internal set; }

        /// <summary>The running instance; changes after each restart.</summary>
        public string? InstanceId { get; internal set; }

        /// <summary>The address.</summary>
        public override string ToString() => Addr ?? string.Empty;
    }
}
