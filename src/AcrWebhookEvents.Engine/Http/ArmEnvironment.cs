using System;
using System.Collections.Generic;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>An Azure cloud: where ARM is, and where its identities sign in.</summary>
    internal sealed class ArmEnvironment
    {
        private static readonly Dictionary<string, ArmEnvironment> Known =
            new Dictionary<string, ArmEnvironment>(StringComparer.OrdinalIgnoreCase)
            {
                ["AzureCloud"] = new ArmEnvironment(
                    "AzureCloud",
                    new Uri("https://management.azure.com/"),
                    new Uri("https://login.microsoftonline.com/")),
                ["AzureChinaCloud"] = new ArmEnvironment(
                    "AzureChinaCloud",
                    new Uri("https://management.chinacloudapi.cn/"),
                    new Uri("https://login.chinacloudapi.cn/")),
                ["AzureUSGovernment"] = new ArmEnvironment(
                    "AzureUSGovernment",
                    new Uri("https://management.usgovcloudapi.net/"),
                    new Uri("https://login.microsoftonline.us/")),
            };

        private ArmEnvironment(string name, Uri resourceManager, Uri? authorityHost)
        {
            Name = name;
            ResourceManager = resourceManager;
            AuthorityHost = authorityHost;
        }

        internal string Name { get; }

        internal Uri ResourceManager { get; }

        /// <summary>
        /// Null for a custom endpoint: the credential's own default (or AZURE_AUTHORITY_HOST) applies.
        /// </summary>
        internal Uri? AuthorityHost { get; }

        /// <summary>The names -Environment accepts.</summary>
        internal static IEnumerable<string> Names => Known.Keys;

        /// <summary>
        /// Picks the cloud from a name or a custom URL; a custom URL must be https with no path or query.
        /// </summary>
        internal static ArmEnvironment Resolve(string? name, Uri? resourceManagerUrl)
        {
            if (resourceManagerUrl != null)
            {
                if (!resourceManagerUrl.IsAbsoluteUri || resourceManagerUrl.Scheme != Uri.UriSchemeHttps)
                {
                    throw new AcrException(
                        AcrErrorKind.Configuration,
                        $"The ARM endpoint '{resourceManagerUrl}' must be an absolute https URL: "
                            + "Azure refuses to send tokens over plain http.");
                }

                var origin = new Uri(resourceManagerUrl.GetLeftPart(UriPartial.Authority) + "/");
                return new ArmEnvironment("Custom", origin, null);
            }

            if (string.IsNullOrEmpty(name))
            {
                return Known["AzureCloud"];
            }

            if (Known.TryGetValue(name!, out ArmEnvironment? environment))
            {
                return environment;
            }

            throw new AcrException(
                AcrErrorKind.Configuration,
                $"'{name}' is not a known environment: use {string.Join(", ", Names)}, or -ResourceManagerUrl.");
        }

        /// <summary>The token scope for this endpoint: its origin plus /.default.</summary>
        internal string DefaultAudience => ResourceManager.GetLeftPart(UriPartial.Authority) + "/.default";
    }
}
