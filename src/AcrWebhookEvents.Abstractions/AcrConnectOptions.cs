using System;
using System.Security;

namespace AcrWebhookEvents
{
    /// <summary>What Connect-AcrAccount asks of the engine.</summary>
    public sealed class AcrConnectOptions
    {
        /// <summary>How to sign in.</summary>
        public AcrAuthMethod AuthMethod { get; set; }

        /// <summary>A user-assigned managed identity's client ID (or the default chain's managed identity).</summary>
        public string? ClientId { get; set; }

        /// <summary>The tenant to sign in to.</summary>
        public string? TenantId { get; set; }

        /// <summary>The token for <see cref="AcrAuthMethod.AccessToken"/>.</summary>
        public SecureString? AccessToken { get; set; }

        /// <summary>The default subscription; when null and the identity sees exactly one, that one is used.</summary>
        public string? SubscriptionId { get; set; }

        /// <summary>AzureCloud (default), AzureChinaCloud or AzureUSGovernment; ignored when a URL is given.</summary>
        public string? Environment { get; set; }

        /// <summary>Any other ARM endpoint (Azure Stack Hub, a test server). Must be https.</summary>
        public Uri? ResourceManagerUrl { get; set; }

        /// <summary>The token scope; default: the endpoint's origin + /.default.</summary>
        public string? Audience { get; set; }

        /// <summary>The longest time one HTTP request may take; default 30 seconds.</summary>
        public TimeSpan? NetworkTimeout { get; set; }

        /// <summary>True for the context used when nobody connected: sign-in is not checked up front.</summary>
        public bool Implicit { get; set; }

        /// <summary>Where the requests made while connecting are reported; null reports nothing.</summary>
        public IAcrDiagnostics? Diagnostics { get; set; }
    }
}
