using System;

namespace AcrWebhookEvents
{
    /// <summary>How the module signs in to ARM.</summary>
    public enum AcrAuthMethod
    {
        /// <summary>
        /// Azure.Identity's default chain: environment, workload identity, managed identity, developer tools.
        /// </summary>
        DefaultChain,

        /// <summary>A managed identity (system-assigned, or user-assigned with a client ID).</summary>
        ManagedIdentity,

        /// <summary>An access token obtained elsewhere; it cannot be refreshed.</summary>
        AccessToken,
    }

    /// <summary>The module's sign-in context. It never holds or shows a token.</summary>
    public sealed class AcrContext
    {
        /// <summary>The cloud name (AzureCloud, AzureChinaCloud, AzureUSGovernment), or Custom.</summary>
        public string Environment { get; internal set; } = "AzureCloud";

        /// <summary>The ARM endpoint requests go to.</summary>
        public Uri ResourceManagerUrl { get; internal set; } = new Uri("https://management.azure.com/");

        /// <summary>The scope tokens are requested for.</summary>
        public string Audience { get; internal set; } = "https://management.azure.com/.default";

        /// <summary>The sign-in authority for credentials that need one.</summary>
        public Uri? AuthorityHost { get; internal set; }

        /// <summary>How the module signs in.</summary>
        public AcrAuthMethod AuthMethod { get; internal set; }

        /// <summary>The client ID of a user-assigned managed identity, if one was given.</summary>
        public string? ClientId { get; internal set; }

        /// <summary>The tenant, when given or known from the token.</summary>
        public string? TenantId { get; internal set; }

        /// <summary>Who the token was issued to, when the token says (upn, unique name or app ID).</summary>
        public string? Account { get; internal set; }

        /// <summary>The default subscription for commands that take one.</summary>
        public string? SubscriptionId { get; internal set; }

        /// <summary>The default subscription's display name, when known.</summary>
        public string? SubscriptionName { get; internal set; }

        /// <summary>The longest time one HTTP request may take before it counts as timed out.</summary>
        public TimeSpan NetworkTimeout { get; internal set; }

        /// <summary>True when no Connect-AcrAccount made this context and the default chain is used.</summary>
        public bool IsImplicit { get; internal set; }

        /// <summary>Method, account and subscription.</summary>
        public override string ToString() =>
            $"{AuthMethod} {Account} {Environment} {SubscriptionId}".Replace("  ", " ").Trim();
    }
}
