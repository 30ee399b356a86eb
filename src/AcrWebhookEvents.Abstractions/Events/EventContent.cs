using System;
using System.Globalization;

namespace AcrWebhookEvents
{
    /// <summary>The payload of the event request message.</summary>
    public sealed class EventContent
    {
        /// <summary>The event ID.</summary>
        public string? Id { get; internal set; }

        /// <summary>When the event occurred, in UTC.</summary>
        public DateTimeOffset? Timestamp { get; internal set; }

        /// <summary>The action that the event encompasses.</summary>
        public string? Action { get; internal set; }

        /// <summary>What the event is about.</summary>
        public EventTarget? Target { get; internal set; }

        /// <summary>The registry request that caused the event (chart events have none).</summary>
        public EventRequest? Request { get; internal set; }

        /// <summary>Who caused the event.</summary>
        public EventActor? Actor { get; internal set; }

        /// <summary>The registry node that generated the event.</summary>
        public EventSource? Source { get; internal set; }

        /// <summary>Action and target.</summary>
        public override string ToString()
        {
            string time = Timestamp?.ToString("u", CultureInfo.InvariantCulture) ?? string.Empty;
            return $"{time} {Action} {Target}".Trim();
        }
    }
}
