using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// What the cmdlets that address webhooks share: the connection, the subscription to use, and turning names or
    /// resource IDs into webhooks (listing registries and webhooks from ARM where names are left out).
    /// </summary>
    public abstract class AcrResourceCmdlet : AcrCmdlet
    {
        /// <summary>
        /// The api-version for listing registries and webhooks: a stable one, whatever -ApiVersion asks of listEvents.
        /// </summary>
        internal const string ResourceApiVersion = "2023-07-01";

        private readonly Dictionary<string, IReadOnlyList<AcrRegistry>> _registries =
            new Dictionary<string, IReadOnlyList<AcrRegistry>>(StringComparer.OrdinalIgnoreCase);

        private IAcrConnection? _connection;

        /// <summary>
        /// The subscription; default: the context's, then AZURE_SUBSCRIPTION_ID. Ignored with -ResourceId.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.SubscriptionId)]
        public string? SubscriptionId { get; set; }

        /// <summary>The resource group; alone, every registry in it.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.ResourceGroup)]
        [ArgumentCompleter(typeof(ArmNameCompleter))]
        public string? ResourceGroupName { get; set; }

        /// <summary>The registry; found in the subscription when no resource group is given.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.Registry)]
        [ArgumentCompleter(typeof(ArmNameCompleter))]
        public string? RegistryName { get; set; }

        /// <summary>The module's context; the default chain against the public cloud when nobody connected.</summary>
        private protected IAcrConnection Connection
        {
            get
            {
                if (_connection is null)
                {
                    try
                    {
                        _connection = AcrSession.GetOrConnectImplicitly(Cancellation);
                    }
                    catch (AcrException ex)
                    {
                        ThrowTerminatingError(ErrorRecords.From(ex, null));
                    }
                }

                return _connection!;
            }
        }

        /// <summary>
        /// The given subscription, else the context's, else AZURE_SUBSCRIPTION_ID; terminating when none.
        /// </summary>
        private protected string ResolveSubscription(string? given)
        {
            if (!string.IsNullOrEmpty(given))
            {
                return given!;
            }

            string? fromContext = Connection.Context.SubscriptionId;
            if (!string.IsNullOrEmpty(fromContext))
            {
                return fromContext!;
            }

            string? value = Environment.GetEnvironmentVariable("AZURE_SUBSCRIPTION_ID")?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                ThrowTerminatingError(ErrorRecords.Invalid(
                    "SubscriptionRequired",
                    "No subscription to look in: give -SubscriptionId, connect with Connect-AcrAccount -SubscriptionId,"
                        + " or set AZURE_SUBSCRIPTION_ID.",
                    null));
            }

            string? error = AcrNames.CheckSubscriptionId(value);
            if (error != null)
            {
                ThrowTerminatingError(
                    ErrorRecords.Invalid("InvalidSubscriptionId", "AZURE_SUBSCRIPTION_ID: " + error, value));
            }

            return value!;
        }

        /// <summary>
        /// The webhooks that the bound names or a resource ID point at: one webhook, all of a registry's, all of a
        /// resource group's, or all of a subscription's. A resource ID wins over names. Writes a non-terminating
        /// error and returns nothing when they cannot be found.
        /// </summary>
        private protected IReadOnlyList<AcrWebhook> ResolveWebhooks(string? resourceId, string? webhookName)
        {
            string? subscriptionId = SubscriptionId;
            string? resourceGroupName = ResourceGroupName;
            string? registryName = RegistryName;
            try
            {
                if (!string.IsNullOrEmpty(resourceId))
                {
                    WebhookAddress? webhook = WebhookAddress.TryParseAny(resourceId, out AcrRegistry? registry, out _);
                    return webhook != null ? new[] { Known(webhook) } : WebhooksOf(registry!);
                }

                if (!string.IsNullOrEmpty(webhookName) && string.IsNullOrEmpty(registryName))
                {
                    WriteError(ErrorRecords.Invalid(
                        "WebhookNameWithoutRegistry",
                        $"-WebhookName '{webhookName}' needs -RegistryName: webhook names are unique only within "
                            + "a registry.",
                        webhookName));
                    return Array.Empty<AcrWebhook>();
                }

                string subscription = ResolveSubscription(subscriptionId);
                if (!string.IsNullOrEmpty(registryName))
                {
                    if (!string.IsNullOrEmpty(webhookName) && !string.IsNullOrEmpty(resourceGroupName))
                    {
                        var address = new WebhookAddress(subscription, resourceGroupName!, registryName!, webhookName!);
                        return new[] { Known(address) };
                    }

                    AcrRegistry? registry = FindRegistry(subscription, resourceGroupName, registryName!);
                    if (registry is null)
                    {
                        return Array.Empty<AcrWebhook>();
                    }

                    if (!string.IsNullOrEmpty(webhookName))
                    {
                        var address = new WebhookAddress(
                            subscription, registry.ResourceGroupName, registry.Name, webhookName!);
                        return new[] { Known(address) };
                    }

                    return WebhooksOf(registry);
                }

                return WebhooksOf(Registries(subscription, resourceGroupName));
            }
            catch (AcrException ex)
            {
                object? target = (object?)resourceId ?? registryName ?? resourceGroupName ?? subscriptionId;
                WriteError(ErrorRecords.From(ex, target));
                return Array.Empty<AcrWebhook>();
            }
        }

        /// <summary>The registries of a subscription or resource group, listed once per command.</summary>
        private protected IReadOnlyList<AcrRegistry> Registries(string subscriptionId, string? resourceGroupName)
        {
            string key = subscriptionId + "/" + resourceGroupName;
            if (!_registries.TryGetValue(key, out IReadOnlyList<AcrRegistry>? registries))
            {
                WriteVerbose(resourceGroupName is null
                    ? $"Listing the registries of subscription {subscriptionId}."
                    : $"Listing the registries of resource group {resourceGroupName}.");
                registries = WaitFor(Connection.ListRegistriesAsync(
                    subscriptionId, resourceGroupName, ResourceApiVersion, Cancellation));
                _registries[key] = registries;
            }

            return registries;
        }

        private IReadOnlyList<AcrWebhook> WebhooksOf(AcrRegistry registry) =>
            WaitFor(Connection.ListWebhooksAsync(registry, ResourceApiVersion, Cancellation));

        /// <summary>
        /// The webhooks of many registries, listed a few at a time. A registry that cannot be listed is reported
        /// and skipped; the others still count.
        /// </summary>
        private IReadOnlyList<AcrWebhook> WebhooksOf(IReadOnlyList<AcrRegistry> registries)
        {
            const int AtOnce = 8;
            var gate = new SemaphoreSlim(AtOnce);

            // Read on this thread: the tasks below must not touch the cmdlet, which belongs to the pipeline thread.
            IAcrConnection connection = Connection;
            CancellationToken cancellation = Cancellation;
            Task<IReadOnlyList<AcrWebhook>>[] lists = registries
                .Select(async registry =>
                {
                    await gate.WaitAsync(cancellation).ConfigureAwait(false);
                    try
                    {
                        return await connection.ListWebhooksAsync(registry, ResourceApiVersion, cancellation)
                            .ConfigureAwait(false);
                    }
                    finally
                    {
                        gate.Release();
                    }
                })
                .ToArray();
            var webhooks = new List<AcrWebhook>();
            for (int i = 0; i < lists.Length; i++)
            {
                try
                {
                    webhooks.AddRange(WaitFor(lists[i]));
                }
                catch (AcrException ex)
                {
                    WriteError(ErrorRecords.From(ex, registries[i]));
                }
            }

            return webhooks;
        }

        private AcrRegistry? FindRegistry(string subscriptionId, string? resourceGroupName, string registryName)
        {
            if (!string.IsNullOrEmpty(resourceGroupName))
            {
                return new AcrRegistry
                {
                    SubscriptionId = subscriptionId,
                    ResourceGroupName = resourceGroupName!,
                    Name = registryName,
                };
            }

            AcrRegistry? found = Registries(subscriptionId, null)
                .FirstOrDefault(r => string.Equals(r.Name, registryName, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException(
                        $"Registry '{registryName}' was not found in subscription {subscriptionId}. "
                            + "Check the name, or give -ResourceGroupName and -SubscriptionId."),
                    "RegistryNotFound",
                    ErrorCategory.ObjectNotFound,
                    registryName));
            }

            return found;
        }

        /// <summary>A webhook known only by its address: nothing beyond the names is filled in.</summary>
        private static AcrWebhook Known(WebhookAddress address) => new AcrWebhook
        {
            Name = address.WebhookName,
            RegistryName = address.RegistryName,
            ResourceGroupName = address.ResourceGroupName,
            SubscriptionId = address.SubscriptionId,
            Id = address.ResourceId,
        };
    }
}
