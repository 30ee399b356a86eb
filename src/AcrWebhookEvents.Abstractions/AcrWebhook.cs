using System;
using System.Collections.Generic;

namespace AcrWebhookEvents
{
    /// <summary>A registry webhook, as ARM describes it. Pipes into Get-AcrWebhookEvent and Test-AcrWebhook.</summary>
    public sealed class AcrWebhook
    {
        /// <summary>The webhook's name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The registry it belongs to.</summary>
        public string RegistryName { get; internal set; } = string.Empty;

        /// <summary>The registry's resource group.</summary>
        public string ResourceGroupName { get; internal set; } = string.Empty;

        /// <summary>The subscription.</summary>
        public string SubscriptionId { get; internal set; } = string.Empty;

        /// <summary>The webhook's ARM resource ID.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The Azure region.</summary>
        public string? Location { get; internal set; }

        /// <summary>enabled or disabled.</summary>
        public string? Status { get; internal set; }

        /// <summary>Which repositories and tags trigger it (empty: all).</summary>
        public string? Scope { get; internal set; }

        /// <summary>The actions that trigger it.</summary>
        public IReadOnlyList<string> Actions { get; internal set; } = Array.Empty<string>();

        /// <summary>ARM's provisioning state.</summary>
        public string? ProvisioningState { get; internal set; }

        /// <summary>The address used to read its events.</summary>
        public WebhookAddress Address => new WebhookAddress(SubscriptionId, ResourceGroupName, RegistryName, Name);

        /// <summary>registry/webhook.</summary>
        public override string ToString() => RegistryName + "/" + Name;
    }

    /// <summary>A container registry, as far as finding its webhooks needs.</summary>
    public sealed class AcrRegistry
    {
        /// <summary>The registry's name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>Its resource group.</summary>
        public string ResourceGroupName { get; internal set; } = string.Empty;

        /// <summary>Its subscription.</summary>
        public string SubscriptionId { get; internal set; } = string.Empty;

        /// <summary>Its ARM resource ID.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The Azure region.</summary>
        public string? Location { get; internal set; }

        /// <summary>The name.</summary>
        public override string ToString() => Name;
    }
}
