using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AcrWebhookEvents.Engine.Http;
using AcrWebhookEvents.Engine.Json;
using Azure.Core;

namespace AcrWebhookEvents.Engine
{
    /// <summary>The registry and webhook resources around the events: listing them, and pinging a webhook.</summary>
    internal sealed class ArmResources
    {
        private const string Provider = "providers/Microsoft.ContainerRegistry/registries";
        private readonly ArmClient _client;

        internal ArmResources(ArmClient client)
        {
            _client = client;
        }

        internal async Task<IReadOnlyList<AcrRegistry>> ListRegistriesAsync(
            string subscriptionId,
            string? resourceGroupName,
            string apiVersion,
            CancellationToken cancellationToken)
        {
            string path = resourceGroupName is null
                ? $"subscriptions/{subscriptionId}/{Provider}"
                : $"subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/{Provider}";
            string what = resourceGroupName is null
                ? $"the registries of subscription {subscriptionId}"
                : $"the registries of resource group {resourceGroupName}";
            var registries = new List<AcrRegistry>();
            IReadOnlyList<ResourceDto> resources = await ListAsync(path, apiVersion, what, cancellationToken)
                .ConfigureAwait(false);
            foreach (ResourceDto resource in resources)
            {
                WebhookAddress.TryParseAny(resource.Id, out AcrRegistry? parsed, out _);
                string? group = parsed?.ResourceGroupName ?? resourceGroupName;
                if (resource.Name is null || group is null)
                {
                    continue;
                }

                registries.Add(new AcrRegistry
                {
                    Name = resource.Name,
                    ResourceGroupName = group,
                    SubscriptionId = subscriptionId,
                    Id = resource.Id ?? string.Empty,
                    Location = resource.Location,
                });
            }

            return registries;
        }

        internal async Task<IReadOnlyList<AcrWebhook>> ListWebhooksAsync(
            AcrRegistry registry,
            string apiVersion,
            CancellationToken cancellationToken)
        {
            string path = $"subscriptions/{registry.SubscriptionId}/resourceGroups/{registry.ResourceGroupName}/"
                + $"{Provider}/{registry.Name}/webhooks";
            var webhooks = new List<AcrWebhook>();
            IReadOnlyList<ResourceDto> resources = await ListAsync(
                path,
                apiVersion,
                $"the webhooks of registry {registry.Name}",
                cancellationToken).ConfigureAwait(false);
            foreach (ResourceDto resource in resources.Where(r => AcrNames.CheckWebhookName(r.Name) is null))
            {
                var webhook = new AcrWebhook
                {
                    Name = resource.Name!,
                    RegistryName = registry.Name,
                    ResourceGroupName = registry.ResourceGroupName,
                    SubscriptionId = registry.SubscriptionId,
                    Location = resource.Location,
                    Status = resource.Properties?.Status,
                    Scope = resource.Properties?.Scope,
                    Actions = (resource.Properties?.Actions ?? new List<string?>())
                        .Where(a => !string.IsNullOrEmpty(a))
                        .Select(a => a!)
                        .ToArray(),
                    ProvisioningState = resource.Properties?.ProvisioningState,
                };
                webhook.Id = webhook.Address.ResourceId;
                webhooks.Add(webhook);
            }

            return webhooks;
        }

        internal async Task<string?> PingAsync(
            WebhookAddress webhook,
            string apiVersion,
            CancellationToken cancellationToken)
        {
            using ArmResponse response = await _client.SendAsync(
                RequestMethod.Post,
                _client.BuildUri(webhook.ResourceId + "/ping", apiVersion),
                "webhook " + webhook,
                diagnostics: null,
                cancellationToken,
                retry: false).ConfigureAwait(false);
            try
            {
                return response.Read(ArmResourceJsonContext.Default.PingResultDto)?.Id;
            }
            catch (JsonException)
            {
                // The ping was sent; only its ID is unreadable.
                return null;
            }
        }

        /// <summary>All pages of an ARM list, following nextLink under the same rules as event pages.</summary>
        private async Task<IReadOnlyList<ResourceDto>> ListAsync(
            string path,
            string apiVersion,
            string what,
            CancellationToken cancellationToken)
        {
            var guard = new NextLinkGuard(_client.Endpoint);
            var resources = new List<ResourceDto>();
            Uri? next = _client.BuildUri(path, apiVersion);
            for (int page = 1; next != null; page++)
            {
                using ArmResponse response = await _client
                    .SendAsync(RequestMethod.Get, next, what, diagnostics: null, cancellationToken)
                    .ConfigureAwait(false);
                ResourceListDto? list;
                try
                {
                    list = response.Read(ArmResourceJsonContext.Default.ResourceListDto);
                }
                catch (JsonException ex)
                {
                    throw new AcrException(
                        AcrErrorKind.InvalidData,
                        $"Page {page} of {what} is not the documented ARM list ({ex.Message}).",
                        ex);
                }

                resources.AddRange((list?.Value ?? new List<ResourceDto?>()).Where(r => r != null).Select(r => r!));
                next = guard.Check(list?.NextLink, $"Page {page} of {what}");
            }

            return resources;
        }
    }
}
