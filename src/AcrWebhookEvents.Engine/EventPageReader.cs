using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AcrWebhookEvents.Engine.Http;
using AcrWebhookEvents.Engine.Json;
using Azure.Core;

namespace AcrWebhookEvents.Engine
{
    /// <summary>
    /// Pages through one webhook's events: POST listEvents, then GET each nextLink exactly as returned. The next
    /// page is requested only when the caller asks, so stopping early costs no extra request.
    /// </summary>
    internal sealed class EventPageReader : IEventPageReader
    {
        private readonly ArmClient _client;
        private readonly EventQueryOptions _options;
        private readonly NextLinkGuard _guard;
        private readonly string _what;
        private Uri? _next;
        private AcrException? _refusedNext;
        private int _pagesRead;
        private bool _done;

        internal EventPageReader(ArmClient client, WebhookAddress webhook, EventQueryOptions options)
        {
            _client = client;
            _options = options;
            _guard = new NextLinkGuard(client.Endpoint);
            Webhook = webhook;
            _what = "webhook " + webhook;
        }

        public WebhookAddress Webhook { get; }

        public async Task<EventPage?> ReadNextPageAsync(CancellationToken cancellationToken)
        {
            if (_refusedNext != null)
            {
                // The page that carried the bad nextLink was handed out whole; the refusal comes after it.
                AcrException refused = _refusedNext;
                _refusedNext = null;
                throw refused;
            }

            if (_done)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            int number = _pagesRead + 1;
            RequestMethod method = _next is null ? RequestMethod.Post : RequestMethod.Get;
            Uri uri = _next ?? _client.BuildUri(Webhook.ResourceId + "/listEvents", _options.ApiVersion);
            ArmResponse response;
            try
            {
                response = await _client.SendAsync(method, uri, _what, _options.Diagnostics, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (AcrException ex)
            {
                _done = true;
                ex.Webhook = Webhook;
                throw;
            }

            using (response)
            {
                return ReadPage(response, number);
            }
        }

        /// <summary>Parses and maps one page; the response's pooled body is not used after this returns.</summary>
        private EventPage ReadPage(ArmResponse response, int number)
        {
            ParsedEventPage body;
            try
            {
                body = EventPageParser.Parse(response.Content.Span, Webhook, _options.ShowSecret);
            }
            catch (JsonException ex)
            {
                _done = true;
                throw new AcrException(
                    AcrErrorKind.InvalidData,
                    $"Page {number} of {_what} is not the documented event list ({ex.Message}). "
                        + "The events of earlier pages were already written.",
                    ex)
                {
                    Webhook = Webhook,
                };
            }

            _pagesRead = number;
            List<AcrWebhookEvent> events = body.Events;
            if (_options.IncludeRawJson)
            {
                RawEventJson.Attach(events, response.Content, _options.ShowSecret);
            }

            // A refused nextLink fails the next read, not this one, so the events of its page are not lost.
            try
            {
                _next = _guard.Check(body.NextLink, $"Page {number} of {_what}");
            }
            catch (AcrException ex)
            {
                _next = null;
                ex.Webhook = Webhook;
                _refusedNext = ex;
            }

            _done = _next is null;
            return new EventPage(number, events, !_done || _refusedNext != null, response.Summary);
        }
    }
}
