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
        private readonly HashSet<string> _followed = new HashSet<string>(StringComparer.Ordinal);
        private readonly string _what;
        private Uri? _next;
        private AcrException? _refusedNext;
        private int _pagesRead;
        private bool _done;

        internal EventPageReader(ArmClient client, WebhookAddress webhook, EventQueryOptions options)
        {
            _client = client;
            _options = options;
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

            EventListResultDto? body;
            try
            {
                body = EventPageParser.Parse(response.Content.ToMemory().Span);
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
            List<AcrWebhookEvent> events = EventMapper.Map(body?.Value, Webhook, _options.ShowSecret);
            _next = null;
            if (!string.IsNullOrEmpty(body?.NextLink))
            {
                try
                {
                    _next = CheckNextLink(body!.NextLink!, number);
                }
                catch (AcrException ex)
                {
                    _refusedNext = ex;
                }
            }

            _done = _next is null;
            return new EventPage(number, events, !_done || _refusedNext != null, response.Summary);
        }

        /// <summary>
        /// A nextLink is followed with our bearer token, so it must stay on the ARM endpoint the token is meant for,
        /// over https, and must not send us round in a circle. A refused link fails the next read, not this one, so
        /// the events of the page that carried it are not lost.
        /// </summary>
        private Uri CheckNextLink(string link, int page)
        {
            _done = true;
            if (!Uri.TryCreate(link, UriKind.Absolute, out Uri? uri))
            {
                throw Unsafe($"Page {page} of {_what} has a nextLink that is not an absolute URL: '{Describe(link)}'.");
            }

            Uri endpoint = _client.Endpoint;
            bool sameOrigin = uri.Scheme == Uri.UriSchemeHttps
                && string.Equals(uri.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase)
                && uri.Port == endpoint.Port;
            if (!sameOrigin)
            {
                throw Unsafe(
                    $"Page {page} of {_what} has a nextLink to {uri.Scheme}://{uri.Authority}, not to the ARM endpoint "
                        + $"{endpoint.GetLeftPart(UriPartial.Authority)}; it was not followed, so no token left this machine for it.");
            }

            if (!_followed.Add(uri.AbsoluteUri))
            {
                throw Unsafe($"Page {page} of {_what} repeats a nextLink already followed; stopped instead of looping.");
            }

            _done = false;
            return uri;
        }

        private AcrException Unsafe(string message) =>
            new AcrException(AcrErrorKind.UnsafeNextLink, message) { Webhook = Webhook };

        // The link may carry tokens of its own in its query; show only where it points.
        private static string Describe(string link)
        {
            int query = link.IndexOf('?');
            return query < 0 ? link : link.Substring(0, query) + "?...";
        }
    }
}
