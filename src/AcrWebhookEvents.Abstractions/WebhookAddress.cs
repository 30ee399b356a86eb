using System;

namespace AcrWebhookEvents
{
    /// <summary>Where a webhook lives in ARM: subscription, resource group, registry and webhook name.</summary>
    public sealed class WebhookAddress : IEquatable<WebhookAddress>
    {
        /// <summary>Creates an address from its validated parts.</summary>
        /// <exception cref="ArgumentException">A part breaks ARM's naming rules.</exception>
        public WebhookAddress(string subscriptionId, string resourceGroupName, string registryName, string webhookName)
        {
            Throw(AcrNames.CheckSubscriptionId(subscriptionId), nameof(subscriptionId));
            Throw(AcrNames.CheckResourceGroupName(resourceGroupName), nameof(resourceGroupName));
            Throw(AcrNames.CheckRegistryName(registryName), nameof(registryName));
            Throw(AcrNames.CheckWebhookName(webhookName), nameof(webhookName));
            SubscriptionId = subscriptionId.ToLowerInvariant();
            ResourceGroupName = resourceGroupName;
            RegistryName = registryName;
            WebhookName = webhookName;
        }

        /// <summary>The subscription ID (lower-case GUID).</summary>
        public string SubscriptionId { get; }

        /// <summary>The resource group name.</summary>
        public string ResourceGroupName { get; }

        /// <summary>The registry name.</summary>
        public string RegistryName { get; }

        /// <summary>The webhook name.</summary>
        public string WebhookName { get; }

        /// <summary>The webhook's ARM resource ID.</summary>
        public string ResourceId =>
            $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroupName}"
            + $"/providers/Microsoft.ContainerRegistry/registries/{RegistryName}/webhooks/{WebhookName}";

        /// <summary>Parses a webhook's full ARM resource ID; returns null and says why when it is not one.</summary>
        public static WebhookAddress? TryParse(string? resourceId, out string? error)
        {
            WebhookAddress? webhook = TryParseAny(resourceId, out _, out error);
            if (webhook is null && error is null)
            {
                error = $"'{resourceId}' is a registry's resource ID, not a webhook's: it must look like "
                    + $"{WebhookShape}.";
            }

            return webhook;
        }

        /// <summary>
        /// Parses the resource ID of a webhook (returned) or of a registry (<paramref name="registry"/>, meaning all
        /// its webhooks); when it is neither, both are null and <paramref name="error"/> says why.
        /// </summary>
        public static WebhookAddress? TryParseAny(string? resourceId, out AcrRegistry? registry, out string? error)
        {
            registry = null;
            string[] parts = (resourceId ?? string.Empty).Trim().Trim('/').Split('/');
            bool registryShape = parts.Length >= 8
                && Is(parts[0], "subscriptions")
                && Is(parts[2], "resourceGroups")
                && Is(parts[4], "providers")
                && Is(parts[5], "Microsoft.ContainerRegistry")
                && Is(parts[6], "registries");
            bool webhookShape = registryShape && parts.Length == 10 && Is(parts[8], "webhooks");
            if (!(registryShape && parts.Length == 8) && !webhookShape)
            {
                error = $"'{resourceId}' is not a webhook or registry resource ID: it must look like {WebhookShape}, "
                    + "or end at the registry for all of its webhooks.";
                return null;
            }

            error = AcrNames.CheckSubscriptionId(parts[1])
                ?? AcrNames.CheckResourceGroupName(parts[3])
                ?? AcrNames.CheckRegistryName(parts[7])
                ?? (webhookShape ? AcrNames.CheckWebhookName(parts[9]) : null);
            if (error != null)
            {
                return null;
            }

            if (webhookShape)
            {
                return new WebhookAddress(parts[1], parts[3], parts[7], parts[9]);
            }

            registry = new AcrRegistry
            {
                SubscriptionId = parts[1].ToLowerInvariant(),
                ResourceGroupName = parts[3],
                Name = parts[7],
                Id = "/" + string.Join("/", parts, 0, 8),
            };
            return null;
        }

        private const string WebhookShape = "/subscriptions/{id}/resourceGroups/{group}/providers/"
            + "Microsoft.ContainerRegistry/registries/{registry}/webhooks/{webhook}";

        /// <summary>Equal when every part matches; ARM names are case-insensitive.</summary>
        public bool Equals(WebhookAddress? other) =>
            other != null && string.Equals(ResourceId, other.ResourceId, StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as WebhookAddress);

        /// <inheritdoc/>
        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ResourceId);

        /// <summary>registry/webhook, the way people name a webhook.</summary>
        public override string ToString() => RegistryName + "/" + WebhookName;

        private static bool Is(string part, string expected) =>
            string.Equals(part, expected, StringComparison.OrdinalIgnoreCase);

        private static void Throw(string? error, string parameterName)
        {
            if (error != null)
            {
                throw new ArgumentException(error, parameterName);
            }
        }
    }
}
