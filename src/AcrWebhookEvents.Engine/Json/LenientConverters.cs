using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AcrWebhookEvents.Engine.Json
{
    /// <summary>Reads a string, and takes a number or boolean as its text; anything else reads as null.</summary>
    internal sealed class LenientStringConverter : JsonConverter<string?>
    {
        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LenientJson.ReadString(ref reader);

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }

    /// <summary>Reads an integer, also from a string; a fraction, overflow or other shape reads as null.</summary>
    internal sealed class LenientInt64Converter : JsonConverter<long?>
    {
        public override bool HandleNull => true;

        public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LenientJson.ReadInt64(ref reader);

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
