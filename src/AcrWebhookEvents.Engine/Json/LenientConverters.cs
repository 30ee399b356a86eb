using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AcrWebhookEvents.Engine.Json
{
    /// <summary>Reads a string, and takes a number or boolean as its text; anything else reads as null.</summary>
    internal sealed class LenientStringConverter : JsonConverter<string?>
    {
        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return Raw(ref reader);
                case JsonTokenType.True:
                    return "true";
                case JsonTokenType.False:
                    return "false";
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    reader.Skip();
                    return null;
                default:
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);

        internal static string Raw(ref Utf8JsonReader reader) =>
            reader.HasValueSequence
                ? System.Text.Encoding.UTF8.GetString(reader.ValueSequence.ToArray())
                : System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
    }

    /// <summary>Reads an integer, also from a string; a fraction, overflow or other shape reads as null.</summary>
    internal sealed class LenientInt64Converter : JsonConverter<long?>
    {
        public override bool HandleNull => true;

        public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out long number) ? number : (long?)null;
                case JsonTokenType.String:
                    string? text = reader.GetString();
                    return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed)
                        ? parsed
                        : (long?)null;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    reader.Skip();
                    return null;
                default:
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
        {
            if (value.HasValue)
            {
                writer.WriteNumberValue(value.Value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    /// <summary>
    /// Reads a header map; values go through <see cref="LenientStringConverter"/>, a non-object reads as null.
    /// </summary>
    internal sealed class LenientHeadersConverter : JsonConverter<Dictionary<string, string?>?>
    {
        private static readonly LenientStringConverter Values = new LenientStringConverter();

        public override bool HandleNull => true;

        public override Dictionary<string, string?>? Read(
            ref Utf8JsonReader reader,
            Type typeToConvert,
            JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString() ?? string.Empty;
                reader.Read();
                headers[name] = Values.Read(ref reader, typeof(string), options);
            }

            return headers;
        }

        public override void Write(
            Utf8JsonWriter writer,
            Dictionary<string, string?>? value,
            JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, string?> header in value ?? new Dictionary<string, string?>())
            {
                writer.WriteString(header.Key, header.Value);
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// Reads an object of the documented shape; a string, number, boolean or array where an object belongs reads as
    /// null, so one odd field (<c>"target": "x"</c>, <c>"actor": 5</c>) does not cost the whole page.
    /// </summary>
    internal sealed class LenientObjectConverter<T> : JsonConverter<T?>
        where T : class
    {
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            // The type's own converter, not this property's, so this does not call itself. Calling it directly reads
            // the object in place; JsonSerializer.Deserialize would first scan the whole object to find its end, and
            // at every level of nesting again.
            var converter = (JsonConverter<T>)options.GetTypeInfo(typeof(T)).Converter;
            return converter.Read(ref reader, typeof(T), options);
        }

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
                return;
            }

            JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        }
    }
}
