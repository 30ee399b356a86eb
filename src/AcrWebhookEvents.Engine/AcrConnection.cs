using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AcrWebhookEvents.Engine.Http;

namespace AcrWebhookEvents.Engine
{
    /// <summary>One signed-in context: one credential and one pipeline, reused by every call and thread.</summary>
    internal sealed class AcrConnection : IAcrConnection
    {
        private readonly ArmResources _resources;

        internal AcrConnection(AcrContext context, ArmClient client)
        {
            Context = context;
            Client = client;
            _resources = new ArmResources(client);
        }

        public AcrContext Context { get; }

        internal ArmClient Client { get; }

        public IEventPageReader OpenEvents(WebhookAddress webhook, EventQueryOptions options)
        {
            if (webhook is null)
            {
                throw new ArgumentNullException(nameof(webhook));
            }

            return new EventPageReader(Client, webhook, Checked(options));
        }

        public IEventStream OpenEventStream(
            IReadOnlyList<WebhookAddress> webhooks,
            EventQueryOptions options,
            int throttleLimit)
        {
            if (webhooks is null)
            {
                throw new ArgumentNullException(nameof(webhooks));
            }

            return new EventStream(this, webhooks, Checked(options), throttleLimit);
        }

        public Task<IReadOnlyList<AcrRegistry>> ListRegistriesAsync(
            string subscriptionId,
            string? resourceGroupName,
            string apiVersion,
            CancellationToken cancellationToken) =>
            _resources.ListRegistriesAsync(subscriptionId, resourceGroupName, apiVersion, cancellationToken);

        public Task<IReadOnlyList<AcrWebhook>> ListWebhooksAsync(
            AcrRegistry registry,
            string apiVersion,
            CancellationToken cancellationToken) =>
            _resources.ListWebhooksAsync(registry, apiVersion, cancellationToken);

        public Task<string?> PingAsync(
            WebhookAddress webhook,
            string apiVersion,
            CancellationToken cancellationToken) =>
            _resources.PingAsync(webhook, apiVersion, cancellationToken);

        private static EventQueryOptions Checked(EventQueryOptions? options)
        {
            string? error = AcrNames.CheckApiVersion(options?.ApiVersion);
            if (error != null)
            {
                throw new ArgumentException(error, nameof(options));
            }

            return options!;
        }

        /// <summary>
        /// The pipeline's connections are shared process-wide by Azure.Core; nothing of ours to release.
        /// </summary>
        public void Dispose()
        {
        }
    }
}
