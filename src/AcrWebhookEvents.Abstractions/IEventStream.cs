using System;
using System.Threading;
using System.Threading.Tasks;

namespace AcrWebhookEvents
{
    /// <summary>
    /// The events of many webhooks, read concurrently and handed over one page at a time, each webhook's pages in
    /// order. A webhook's next page is requested only after the caller asked for more following its previous
    /// page, so at most one page per webhook is held, and stopping early costs no extra request.
    /// </summary>
    public interface IEventStream : IDisposable
    {
        /// <summary>How many webhooks the stream reads.</summary>
        int WebhookCount { get; }

        /// <summary>How many webhooks were read to the end or failed.</summary>
        int WebhooksDone { get; }

        /// <summary>
        /// Returns the next page of any webhook, or a webhook's failure, or null when every webhook is done.
        /// Calling it again releases the previously returned pages' webhooks to fetch their next pages.
        /// </summary>
        Task<EventBatch?> NextAsync(CancellationToken cancellationToken);
    }

    /// <summary>One webhook's page, or its failure.</summary>
    public sealed class EventBatch
    {
        /// <summary>Creates a batch.</summary>
        public EventBatch(WebhookAddress webhook, EventPage? page, AcrException? error)
        {
            Webhook = webhook;
            Page = page;
            Error = error;
        }

        /// <summary>The webhook.</summary>
        public WebhookAddress Webhook { get; }

        /// <summary>The page, when it was read.</summary>
        public EventPage? Page { get; }

        /// <summary>Why the webhook could not be read further; the stream goes on with the others.</summary>
        public AcrException? Error { get; }

        /// <summary>
        /// Set by the caller when it needs no further page of this webhook (it has seen enough of it).
        /// </summary>
        public bool ReadNoFurther { get; set; }
    }
}
