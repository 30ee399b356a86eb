using System;

namespace AcrWebhookEvents
{
    /// <summary>
    /// What Test-AcrWebhook reports: which webhook was pinged, and the ID of the ping event it recorded.
    /// </summary>
    public sealed class AcrWebhookPingResult
    {
        /// <summary>Creates a result.</summary>
        public AcrWebhookPingResult(WebhookAddress webhook, string? eventId, DateTimeOffset sentAt)
        {
            SubscriptionId = webhook.SubscriptionId;
            ResourceGroupName = webhook.ResourceGroupName;
            RegistryName = webhook.RegistryName;
            WebhookName = webhook.WebhookName;
            EventId = eventId;
            SentAt = sentAt;
        }

        /// <summary>The subscription.</summary>
        public string SubscriptionId { get; }

        /// <summary>The resource group.</summary>
        public string ResourceGroupName { get; }

        /// <summary>The registry.</summary>
        public string RegistryName { get; }

        /// <summary>The webhook pinged.</summary>
        public string WebhookName { get; }

        /// <summary>The ID of the ping event; find it with Get-AcrWebhookEvent -Action ping.</summary>
        public string? EventId { get; }

        /// <summary>When the ping was asked for, in UTC.</summary>
        public DateTimeOffset SentAt { get; }

        /// <summary>registry/webhook and the event ID.</summary>
        public override string ToString() => $"{RegistryName}/{WebhookName} ping {EventId}";
    }
}
