using System;
using AcrWebhookEvents.Engine.Http;

namespace AcrWebhookEvents.Engine
{
    /// <summary>One signed-in context: one credential and one pipeline, reused by every call and thread.</summary>
    internal sealed class AcrConnection : IAcrConnection
    {
        internal AcrConnection(AcrContext context, ArmClient client)
        {
            Context = context;
            Client = client;
        }

        public AcrContext Context { get; }

        internal ArmClient Client { get; }

        public IEventPageReader OpenEvents(WebhookAddress webhook, EventQueryOptions options)
        {
            if (webhook is null)
            {
                throw new ArgumentNullException(nameof(webhook));
            }

            string? error = AcrNames.CheckApiVersion(options?.ApiVersion);
            if (error != null)
            {
                throw new ArgumentException(error, nameof(options));
            }

            return new EventPageReader(Client, webhook, options!);
        }

        /// <summary>The pipeline's connections are shared process-wide by Azure.Core; nothing of ours to release.</summary>
        public void Dispose()
        {
        }
    }
}
