using System;
using System.Globalization;

namespace AcrWebhookEvents
{
    /// <summary>One delivery of a webhook: what the registry sent, and what the endpoint answered.</summary>
    /// <remarks>
    /// The top-level properties are the ones people filter and sort on; the nested
    /// <see cref="EventRequestMessage"/> and <see cref="EventResponseMessage"/> mirror the service's model.
    /// </remarks>
    public sealed class AcrWebhookEvent
    {
        /// <summary>The event ID, as the service returned it (GUID-like, but not promised to be one).</summary>
        public string? Id { get; internal set; }

        /// <summary>When the registry raised the event, in UTC; null when the service sent no readable time.</summary>
        public DateTimeOffset? Timestamp { get; internal set; }

        /// <summary>push, delete, chart_push, chart_delete, quarantine, ping, or whatever the service adds.</summary>
        public string? Action { get; internal set; }

        /// <summary>The repository the event is about; a chart's name for charts.</summary>
        public string? Repository { get; internal set; }

        /// <summary>
        /// The tag, when the event carries one (deletes by digest do not); a chart's version for charts.
        /// </summary>
        public string? Tag { get; internal set; }

        /// <summary>The content digest of the target.</summary>
        public string? Digest { get; internal set; }

        /// <summary>The HTTP status the webhook endpoint answered with; null when it never answered.</summary>
        public int? StatusCode { get; internal set; }

        /// <summary>The subscription of the webhook this event came from.</summary>
        public string SubscriptionId { get; internal set; } = string.Empty;

        /// <summary>The resource group of the webhook's registry.</summary>
        public string ResourceGroupName { get; internal set; } = string.Empty;

        /// <summary>The registry the webhook belongs to.</summary>
        public string RegistryName { get; internal set; } = string.Empty;

        /// <summary>The webhook this event came from.</summary>
        public string WebhookName { get; internal set; } = string.Empty;

        /// <summary>The request the registry sent to the webhook's endpoint.</summary>
        public EventRequestMessage? EventRequestMessage { get; internal set; }

        /// <summary>The endpoint's answer; its status is missing when the endpoint never answered.</summary>
        public EventResponseMessage? EventResponseMessage { get; internal set; }

        /// <summary>The event's JSON as the service returned it (masked), kept only when -Raw asked for it.</summary>
        internal string? RawJson { get; set; }

        /// <summary>True when the endpoint never answered or answered with a status of 400 or more.</summary>
        public bool Failed => StatusCode is null || StatusCode >= 400;

        /// <summary>The image as people write it: repository:tag, or repository@digest without a tag.</summary>
        public string? Image => EventTarget.FormatImage(Repository, Tag, Digest);

        /// <summary>A one-line summary: time, action, image and status.</summary>
        public override string ToString()
        {
            string time = Timestamp?.ToString("u", CultureInfo.InvariantCulture) ?? "(no time)";
            string status = StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no response";
            return $"{time} {Action} {Image} {status}";
        }
    }
}
