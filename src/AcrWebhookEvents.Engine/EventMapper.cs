using System;
using System.Collections.Generic;
using System.Globalization;
using AcrWebhookEvents.Engine.Json;

namespace AcrWebhookEvents.Engine
{
    /// <summary>Turns a parsed page into the objects users see, masking secrets unless asked not to.</summary>
    internal static class EventMapper
    {
        internal static List<AcrWebhookEvent> Map(List<EventDto?>? events, WebhookAddress webhook, bool showSecret)
        {
            var result = new List<AcrWebhookEvent>(events?.Count ?? 0);
            if (events is null)
            {
                return result;
            }

            foreach (EventDto? dto in events)
            {
                if (dto != null)
                {
                    result.Add(Map(dto, webhook, showSecret));
                }
            }

            return result;
        }

        internal static AcrWebhookEvent Map(EventDto dto, WebhookAddress webhook, bool showSecret)
        {
            EventContent? content = Map(dto.EventRequestMessage?.Content);
            EventResponseMessage? response = Map(dto.EventResponseMessage, showSecret);
            EventTarget? target = content?.Target;
            return new AcrWebhookEvent
            {
                Id = dto.Id ?? content?.Id,
                Timestamp = content?.Timestamp,
                Action = content?.Action,
                Repository = target?.Repository ?? target?.Name,
                Tag = target?.Tag ?? target?.Version,
                Digest = target?.Digest,
                StatusCode = ParseStatus(response?.StatusCode),
                SubscriptionId = webhook.SubscriptionId,
                ResourceGroupName = webhook.ResourceGroupName,
                RegistryName = webhook.RegistryName,
                WebhookName = webhook.WebhookName,
                EventRequestMessage = Map(dto.EventRequestMessage, content, showSecret),
                EventResponseMessage = response,
            };
        }

        /// <summary>
        /// Reads an event time in any ISO 8601 form (any number of fractional digits, Z or an offset) as UTC.
        /// </summary>
        internal static DateTimeOffset? ParseTimestamp(string? text)
        {
            const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out DateTimeOffset value)
                ? value.ToUniversalTime()
                : (DateTimeOffset?)null;
        }

        internal static int? ParseStatus(string? text) =>
            int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int status) && status > 0
                ? status
                : (int?)null;

        private static EventRequestMessage? Map(EventRequestMessageDto? dto, EventContent? content, bool showSecret)
        {
            if (dto is null)
            {
                return null;
            }

            return new EventRequestMessage
            {
                Content = content,
                Headers = Headers(dto.Headers, showSecret),
                Method = dto.Method,
                RequestUri = showSecret ? dto.RequestUri : SecretMasker.MaskUri(dto.RequestUri),
                Version = dto.Version,
            };
        }

        private static EventResponseMessage? Map(EventResponseMessageDto? dto, bool showSecret)
        {
            if (dto is null)
            {
                return null;
            }

            return new EventResponseMessage
            {
                Content = dto.Content,
                Headers = Headers(dto.Headers, showSecret),
                ReasonPhrase = dto.ReasonPhrase,
                StatusCode = dto.StatusCode,
                Version = dto.Version,
            };
        }

        private static EventContent? Map(EventContentDto? dto)
        {
            if (dto is null)
            {
                return null;
            }

            return new EventContent
            {
                Id = dto.Id,
                Timestamp = ParseTimestamp(dto.Timestamp),
                Action = dto.Action,
                Target = dto.Target is null ? null : new EventTarget
                {
                    MediaType = dto.Target.MediaType,
                    Size = dto.Target.Size,
                    Digest = dto.Target.Digest,
                    Length = dto.Target.Length,
                    Repository = dto.Target.Repository,
                    Url = dto.Target.Url,
                    Tag = dto.Target.Tag,
                    Name = dto.Target.Name,
                    Version = dto.Target.Version,
                },
                Request = dto.Request is null ? null : new EventRequest
                {
                    Id = dto.Request.Id,
                    Addr = dto.Request.Addr,
                    Host = dto.Request.Host,
                    Method = dto.Request.Method,
                    UserAgent = dto.Request.UserAgent,
                },
                Actor = dto.Actor is null ? null : new EventActor { Name = dto.Actor.Name },
                Source = dto.Source is null ? null : new EventSource
                {
                    Addr = dto.Source.Addr,
                    InstanceId = dto.Source.InstanceId,
                },
            };
        }

        private static HeaderDictionary Headers(Dictionary<string, string?>? headers, bool showSecret)
        {
            if (headers is null || headers.Count == 0)
            {
                return HeaderDictionary.Empty;
            }

            // The parser's dictionary belongs to this event alone and is not used again: mask it where it is.
            return new HeaderDictionary(showSecret ? headers : SecretMasker.MaskHeadersInPlace(headers));
        }
    }
}
