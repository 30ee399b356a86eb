using System;
using System.Collections.Generic;
using System.Linq;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// What -Wait remembers between polls: per webhook, the events of the pages read last time. A poll writes only
    /// events not among them, stops reading a webhook at the first page that meets them, and reports a possible gap
    /// when none of them came back.
    /// </summary>
    internal sealed class WatchState
    {
        private readonly HashSet<WebhookAddress> _met = new HashSet<WebhookAddress>();
        private Dictionary<WebhookAddress, HashSet<string>> _previous = new();
        private Dictionary<WebhookAddress, HashSet<string>> _current = new();

        /// <summary>Records events as seen (the first read, before any poll).</summary>
        internal void Remember(WebhookAddress webhook, IEnumerable<AcrWebhookEvent> events)
        {
            HashSet<string> seen = Current(webhook);
            foreach (AcrWebhookEvent item in events)
            {
                seen.Add(Key(item));
            }
        }

        internal void StartPoll()
        {
            _previous = _current;
            _current = new();
            _met.Clear();
        }

        /// <summary>
        /// The events of a page not seen before; <paramref name="overlaps"/> when the page met the last poll's.
        /// </summary>
        internal IReadOnlyList<AcrWebhookEvent> Unseen(
            WebhookAddress webhook,
            IReadOnlyList<AcrWebhookEvent> events,
            out bool overlaps)
        {
            _previous.TryGetValue(webhook, out HashSet<string>? before);
            HashSet<string> now = Current(webhook);
            overlaps = false;
            var unseen = new List<AcrWebhookEvent>();
            foreach (AcrWebhookEvent item in events)
            {
                string key = Key(item);
                if (before != null && before.Contains(key))
                {
                    overlaps = true;
                }
                else if (!now.Contains(key))
                {
                    unseen.Add(item);
                }

                now.Add(key);
            }

            if (overlaps)
            {
                _met.Add(webhook);
            }

            return unseen;
        }

        /// <summary>Ends a poll; returns the webhooks whose previous events none came back.</summary>
        internal IReadOnlyList<WebhookAddress> EndPoll()
        {
            var gaps = new List<WebhookAddress>();
            foreach (KeyValuePair<WebhookAddress, HashSet<string>> previous in _previous)
            {
                if (!_current.ContainsKey(previous.Key))
                {
                    // Nothing was read this time (the webhook failed): keep what the last poll saw.
                    _current[previous.Key] = previous.Value;
                }
                else if (previous.Value.Count > 0 && !_met.Contains(previous.Key))
                {
                    gaps.Add(previous.Key);
                }
            }

            return gaps;
        }

        private HashSet<string> Current(WebhookAddress webhook)
        {
            if (!_current.TryGetValue(webhook, out HashSet<string>? seen))
            {
                seen = new HashSet<string>(StringComparer.Ordinal);
                _current[webhook] = seen;
            }

            return seen;
        }

        // IDs are expected; an event without one is known by what it says.
        private static string Key(AcrWebhookEvent item) =>
            item.Id ?? string.Join("|", item.Timestamp?.UtcTicks, item.Action, item.Digest, item.Tag);
    }
}
