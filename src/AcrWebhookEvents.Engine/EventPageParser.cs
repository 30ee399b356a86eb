using System;
using System.Collections.Generic;
using System.Text.Json;
using AcrWebhookEvents.Engine.Json;

namespace AcrWebhookEvents.Engine
{
    /// <summary>One parsed listEvents page.</summary>
    internal sealed class ParsedEventPage
    {
        internal ParsedEventPage(List<AcrWebhookEvent> events, string? nextLink)
        {
            Events = events;
            NextLink = nextLink;
        }

        internal List<AcrWebhookEvent> Events { get; }

        /// <summary>The nextLink as the service wrote it, not yet checked.</summary>
        internal string? NextLink { get; }
    }

    /// <summary>
    /// Reads a buffered listEvents page with <see cref="Utf8JsonReader"/> straight into the objects users see,
    /// masking secrets on the way unless asked not to.
    /// </summary>
    /// <remarks>
    /// The page is read in one pass, with no intermediate objects. The source-generated serializer that read pages
    /// before took 470 us for a page of 100 events against 280 us here (bench/: ParseBenchmarks): it built wire
    /// objects that then had to be copied, and a lenient nested object (see below) could only be handed to the
    /// generated converter as a fresh deserialization.
    /// Only the page's own shape is strict: it must be an object whose "value" is an array of objects or nulls
    /// (nulls are skipped), or null, else <see cref="JsonException"/>. Inside an event everything is lenient, by
    /// the rules of <see cref="LenientJson"/>: a value of an unexpected type reads as null and is skipped, so one
    /// odd field costs neither the page nor the event. Property names match without regard to ASCII case, unknown
    /// ones are skipped, and a repeated one keeps its last value.
    /// </remarks>
    internal static class EventPageParser
    {
        // The documented property names of each object; a field reader's case numbers are their positions, and its
        // last case (the default) is the last name.
        private static readonly byte[][] PageFields = LenientJson.Names("value", "nextLink");
        private static readonly byte[][] EventFields =
            LenientJson.Names("id", "eventRequestMessage", "eventResponseMessage");
        private static readonly byte[][] RequestMessageFields =
            LenientJson.Names("content", "headers", "method", "requestUri", "version");
        private static readonly byte[][] ResponseMessageFields =
            LenientJson.Names("content", "headers", "reasonPhrase", "statusCode", "version");
        private static readonly byte[][] ContentFields =
            LenientJson.Names("id", "timestamp", "action", "target", "request", "actor", "source");
        private static readonly byte[][] TargetFields = LenientJson.Names(
            "mediaType", "size", "digest", "length", "repository", "url", "tag", "name", "version");
        private static readonly byte[][] RequestFields = LenientJson.Names("id", "addr", "host", "method", "useragent");
        private static readonly byte[][] ActorFields = LenientJson.Names("name");
        private static readonly byte[][] SourceFields = LenientJson.Names("addr", "instanceID");

        /// <summary>Parses a page; a missing or null value, or a body of null, is an empty page.</summary>
        /// <param name="utf8Json">The page as received.</param>
        /// <param name="webhook">The webhook read, named on every event.</param>
        /// <param name="showSecret">True to keep header values and callback URL secrets as recorded.</param>
        /// <exception cref="JsonException">The body is not JSON, or not the documented page shape.</exception>
        internal static ParsedEventPage Parse(ReadOnlySpan<byte> utf8Json, WebhookAddress webhook, bool showSecret)
        {
            var reader = new Utf8JsonReader(utf8Json);
            List<AcrWebhookEvent>? events = null;
            string? nextLink = null;
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    int field = LenientJson.FindName(ref reader, PageFields);
                    reader.Read();
                    switch (field)
                    {
                        case 0: events = ReadEvents(ref reader, webhook, showSecret); break;
                        case 1: nextLink = LenientJson.ReadString(ref reader); break;
                        default: reader.Skip(); break;
                    }
                }
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                // A body of null is an empty page, as a missing value is; anything else is not a page.
                throw new JsonException($"The page is {Describe(reader.TokenType)}, not a JSON object.");
            }

            // Anything after the page is malformed JSON, and the reader says so.
            while (reader.Read())
            {
            }

            return new ParsedEventPage(events ?? new List<AcrWebhookEvent>(), nextLink);
        }

        private static List<AcrWebhookEvent>? ReadEvents(
            ref Utf8JsonReader reader,
            WebhookAddress webhook,
            bool showSecret)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"The page's value is {Describe(reader.TokenType)}, not an array of events.");
            }

            var events = new List<AcrWebhookEvent>(100);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        events.Add(ReadEvent(ref reader, webhook, showSecret));
                        break;
                    case JsonTokenType.Null:
                        break;
                    default:
                        throw new JsonException(
                            $"Event {events.Count + 1} of the page is {Describe(reader.TokenType)}, not an object.");
                }
            }

            return events;
        }

        private static AcrWebhookEvent ReadEvent(ref Utf8JsonReader reader, WebhookAddress webhook, bool showSecret)
        {
            string? id = null;
            EventRequestMessage? request = null;
            EventResponseMessage? response = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int field = LenientJson.FindName(ref reader, EventFields);
                reader.Read();
                switch (field)
                {
                    case 0: id = LenientJson.ReadString(ref reader); break;
                    case 1:
                        request = ReadObject(
                            ref reader,
                            new EventRequestMessage(),
                            RequestMessageFields,
                            ReadRequestMessageField,
                            showSecret);
                        break;
                    case 2:
                        response = ReadObject(
                            ref reader,
                            new EventResponseMessage(),
                            ResponseMessageFields,
                            ReadResponseMessageField,
                            showSecret);
                        break;
                    default: reader.Skip(); break;
                }
            }

            EventContent? content = request?.Content;
            EventTarget? target = content?.Target;
            return new AcrWebhookEvent
            {
                Id = id ?? content?.Id,
                Timestamp = content?.Timestamp,
                Action = content?.Action,
                Repository = target?.Repository ?? target?.Name,
                Tag = target?.Tag ?? target?.Version,
                Digest = target?.Digest,
                StatusCode = EventValues.ParseStatus(response?.StatusCode),
                SubscriptionId = webhook.SubscriptionId,
                ResourceGroupName = webhook.ResourceGroupName,
                RegistryName = webhook.RegistryName,
                WebhookName = webhook.WebhookName,
                EventRequestMessage = request,
                EventResponseMessage = response,
            };
        }

        /// <summary>Reads the value of one documented property (its position in the object's name table).</summary>
        private delegate void FieldReader<T>(ref Utf8JsonReader reader, T target, int field, bool showSecret);

        /// <summary>
        /// Fills <paramref name="target"/> from the object the reader is on and returns it; anything but an object is
        /// skipped whole and reads as null. Unknown properties are skipped.
        /// </summary>
        private static T? ReadObject<T>(
            ref Utf8JsonReader reader,
            T target,
            byte[][] names,
            FieldReader<T> readField,
            bool showSecret = false)
            where T : class
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int field = LenientJson.FindName(ref reader, names);
                reader.Read();
                if (field < 0)
                {
                    reader.Skip();
                }
                else
                {
                    readField(ref reader, target, field, showSecret);
                }
            }

            return target;
        }

        private static void ReadRequestMessageField(
            ref Utf8JsonReader reader,
            EventRequestMessage target,
            int field,
            bool showSecret)
        {
            switch (field)
            {
                case 0:
                    target.Content = ReadObject(ref reader, new EventContent(), ContentFields, ReadContentField);
                    break;
                case 1: target.Headers = Headers(ref reader, showSecret); break;
                case 2: target.Method = LenientJson.ReadString(ref reader); break;
                case 3:
                    string? uri = LenientJson.ReadString(ref reader);
                    target.RequestUri = showSecret ? uri : SecretMasker.MaskUri(uri);
                    break;
                default: target.Version = LenientJson.ReadString(ref reader); break;
            }
        }

        private static void ReadResponseMessageField(
            ref Utf8JsonReader reader,
            EventResponseMessage target,
            int field,
            bool showSecret)
        {
            switch (field)
            {
                case 0: target.Content = LenientJson.ReadString(ref reader); break;
                case 1: target.Headers = Headers(ref reader, showSecret); break;
                case 2: target.ReasonPhrase = LenientJson.ReadString(ref reader); break;
                case 3: target.StatusCode = LenientJson.ReadString(ref reader); break;
                default: target.Version = LenientJson.ReadString(ref reader); break;
            }
        }

        private static void ReadContentField(ref Utf8JsonReader reader, EventContent target, int field, bool showSecret)
        {
            switch (field)
            {
                case 0: target.Id = LenientJson.ReadString(ref reader); break;
                case 1: target.Timestamp = ReadTimestamp(ref reader); break;
                case 2: target.Action = LenientJson.ReadString(ref reader); break;
                case 3:
                    target.Target = ReadObject(ref reader, new EventTarget(), TargetFields, ReadTargetField);
                    break;
                case 4:
                    target.Request = ReadObject(ref reader, new EventRequest(), RequestFields, ReadRequestField);
                    break;
                case 5:
                    target.Actor = ReadObject(ref reader, new EventActor(), ActorFields, ReadActorField);
                    break;
                default:
                    target.Source = ReadObject(ref reader, new EventSource(), SourceFields, ReadSourceField);
                    break;
            }
        }

        private static void ReadTargetField(ref Utf8JsonReader reader, EventTarget target, int field, bool showSecret)
        {
            switch (field)
            {
                case 0: target.MediaType = LenientJson.ReadString(ref reader); break;
                case 1: target.Size = LenientJson.ReadInt64(ref reader); break;
                case 2: target.Digest = LenientJson.ReadString(ref reader); break;
                case 3: target.Length = LenientJson.ReadInt64(ref reader); break;
                case 4: target.Repository = LenientJson.ReadString(ref reader); break;
                case 5: target.Url = LenientJson.ReadString(ref reader); break;
                case 6: target.Tag = LenientJson.ReadString(ref reader); break;
                case 7: target.Name = LenientJson.ReadString(ref reader); break;
                default: target.Version = LenientJson.ReadString(ref reader); break;
            }
        }

        private static void ReadRequestField(ref Utf8JsonReader reader, EventRequest target, int field, bool showSecret)
        {
            switch (field)
            {
                case 0: target.Id = LenientJson.ReadString(ref reader); break;
                case 1: target.Addr = LenientJson.ReadString(ref reader); break;
                case 2: target.Host = LenientJson.ReadString(ref reader); break;
                case 3: target.Method = LenientJson.ReadString(ref reader); break;
                default: target.UserAgent = LenientJson.ReadString(ref reader); break;
            }
        }

        private static void ReadActorField(ref Utf8JsonReader reader, EventActor target, int field, bool showSecret) =>
            target.Name = LenientJson.ReadString(ref reader);

        private static void ReadSourceField(ref Utf8JsonReader reader, EventSource target, int field, bool showSecret)
        {
            if (field == 0)
            {
                target.Addr = LenientJson.ReadString(ref reader);
            }
            else
            {
                target.InstanceId = LenientJson.ReadString(ref reader);
            }
        }

        private static HeaderDictionary Headers(ref Utf8JsonReader reader, bool showSecret)
        {
            Dictionary<string, string?>? headers = LenientJson.ReadHeaders(ref reader);
            if (headers is null || headers.Count == 0)
            {
                return HeaderDictionary.Empty;
            }

            // The dictionary is this event's alone: mask it where it is.
            return new HeaderDictionary(showSecret ? headers : SecretMasker.MaskHeadersInPlace(headers));
        }

        /// <summary>
        /// An event time. The usual form, UTC with a Z, is read from the bytes; anything else goes through
        /// <see cref="EventValues.ParseTimestamp"/>, which takes any ISO 8601 form and treats a time without an
        /// offset as UTC.
        /// </summary>
        private static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String
                && !reader.HasValueSequence
                && !reader.ValueIsEscaped
                && reader.ValueSpan.Length > 0
                && reader.ValueSpan[reader.ValueSpan.Length - 1] == (byte)'Z'
                && reader.TryGetDateTimeOffset(out DateTimeOffset utc))
            {
                return utc.ToUniversalTime();
            }

            return EventValues.ParseTimestamp(LenientJson.ReadString(ref reader));
        }

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            _ => token.ToString(),
        };
    }
}
