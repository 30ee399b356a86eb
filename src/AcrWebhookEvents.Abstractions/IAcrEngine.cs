using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AcrWebhookEvents
{
    /// <summary>
    /// The engine's entry point: everything that touches HTTP, credentials and JSON sits behind it, so the
    /// cmdlets never see an Azure type.
    /// </summary>
    public interface IAcrEngine
    {
        /// <summary>Builds a connection (credential and HTTP pipeline) and, unless implicit, checks sign-in.</summary>
        Task<IAcrConnection> ConnectAsync(AcrConnectOptions options, CancellationToken cancellationToken);
    }

    /// <summary>
    /// One signed-in context: one credential and one HTTP pipeline, shared by every call. Thread-safe.
    /// </summary>
    public interface IAcrConnection : IDisposable
    {
        /// <summary>What the connection signs in as and talks to.</summary>
        AcrContext Context { get; }

        /// <summary>
        /// Starts reading a webhook's events; nothing is requested until the first page is asked for.
        /// </summary>
        IEventPageReader OpenEvents(WebhookAddress webhook, EventQueryOptions options);

        /// <summary>
        /// Reads many webhooks' events concurrently, at most <paramref name="throttleLimit"/> at a time.
        /// </summary>
        IEventStream OpenEventStream(
            IReadOnlyList<WebhookAddress> webhooks,
            EventQueryOptions options,
            int throttleLimit);

        /// <summary>
        /// Lists the registries of a subscription, or of one resource group, all pages.
        /// </summary>
        Task<IReadOnlyList<AcrRegistry>> ListRegistriesAsync(
            string subscriptionId,
            string? resourceGroupName,
            string apiVersion,
            CancellationToken cancellationToken);

        /// <summary>Lists the webhooks of one registry, all pages.</summary>
        Task<IReadOnlyList<AcrWebhook>> ListWebhooksAsync(
            AcrRegistry registry,
            string apiVersion,
            CancellationToken cancellationToken);

        /// <summary>
        /// Makes the registry send a ping to the webhook's endpoint and returns the ping event's ID. Never retried:
        /// a retry would make the registry call the endpoint again.
        /// </summary>
        Task<string?> PingAsync(WebhookAddress webhook, string apiVersion, CancellationToken cancellationToken);
    }

    /// <summary>How events are read.</summary>
    public sealed class EventQueryOptions
    {
        /// <summary>The api-version to call.</summary>
        public string ApiVersion { get; set; } = AcrNames.DefaultApiVersion;

        /// <summary>Leave recorded header values and callback URL keys unmasked.</summary>
        public bool ShowSecret { get; set; }

        /// <summary>Keep each event's JSON as the service returned it (secrets masked unless ShowSecret).</summary>
        public bool IncludeRawJson { get; set; }

        /// <summary>Where to report retries and other steps of this read; null reports nothing.</summary>
        public IAcrDiagnostics? Diagnostics { get; set; }
    }

    /// <summary>Reads a webhook's events one page at a time; the next page is requested only when asked for.</summary>
    public interface IEventPageReader
    {
        /// <summary>The webhook being read.</summary>
        WebhookAddress Webhook { get; }

        /// <summary>Reads the next page, or returns null when the last page was read.</summary>
        Task<EventPage?> ReadNextPageAsync(CancellationToken cancellationToken);
    }

    /// <summary>One page of events, parsed whole.</summary>
    public sealed class EventPage
    {
        /// <summary>Creates a page.</summary>
        public EventPage(int number, IReadOnlyList<AcrWebhookEvent> events, bool hasMore, RequestSummary request)
        {
            Number = number;
            Events = events;
            HasMore = hasMore;
            Request = request;
        }

        /// <summary>1 for the first page.</summary>
        public int Number { get; }

        /// <summary>The page's events, in the service's order.</summary>
        public IReadOnlyList<AcrWebhookEvent> Events { get; }

        /// <summary>True when the service said there is another page.</summary>
        public bool HasMore { get; }

        /// <summary>What was sent to get this page, for -Verbose.</summary>
        public RequestSummary Request { get; }
    }

    /// <summary>A request as the user may see it: no token, no secret query values.</summary>
    public sealed class RequestSummary
    {
        /// <summary>Creates a summary.</summary>
        public RequestSummary(string method, string path, int status, string? correlationId, TimeSpan elapsed)
        {
            Method = method;
            Path = path;
            Status = status;
            CorrelationId = correlationId;
            Elapsed = elapsed;
        }

        /// <summary>GET or POST.</summary>
        public string Method { get; }

        /// <summary>The path, without query.</summary>
        public string Path { get; }

        /// <summary>The HTTP status answered.</summary>
        public int Status { get; }

        /// <summary>ARM's x-ms-correlation-request-id, which support asks for.</summary>
        public string? CorrelationId { get; }

        /// <summary>How long the request took, retries included.</summary>
        public TimeSpan Elapsed { get; }
    }
}
