using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AcrWebhookEvents.Engine.Json
{
    /// <summary>
    /// The lenient reading rules, on a <see cref="Utf8JsonReader"/> positioned on a value: a value of an unexpected
    /// type reads as null and is skipped whole, so one odd field never costs the page. The converters of the ARM
    /// resource shapes and the event page parser share them.
    /// </summary>
    internal static class LenientJson
    {
        /// <summary>A string; a number or boolean as its text; anything else null.</summary>
        internal static string? ReadString(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return RawText(ref reader);
                case JsonTokenType.True:
                    return "true";
                case JsonTokenType.False:
                    return "false";
                default:
                    reader.Skip();
                    return null;
            }
        }

        /// <summary>An integer, also written as a string; a fraction, an overflow or another shape is null.</summary>
        internal static long? ReadInt64(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out long number) ? number : (long?)null;
                case JsonTokenType.String:
                    return long.TryParse(
                        reader.GetString(),
                        NumberStyles.Integer,
                        CultureInfo.InvariantCulture,
                        out long parsed)
                        ? parsed
                        : (long?)null;
                default:
                    reader.Skip();
                    return null;
            }
        }

        /// <summary>
        /// A header map, keys compared without case and each value read by <see cref="ReadString"/>; a value that
        /// is not an object is null.
        /// </summary>
        internal static Dictionary<string, string?>? ReadHeaders(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            // Room for the handful of headers a webhook call carries, without growing.
            var headers = new Dictionary<string, string?>(6, StringComparer.OrdinalIgnoreCase);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString() ?? string.Empty;
                reader.Read();
                headers[name] = ReadString(ref reader);
            }

            return headers;
        }

        /// <summary>
        /// True if the property name the reader is on is <paramref name="lowerCaseName"/>, ignoring ASCII case (the
        /// documented names are ASCII; System.Text.Json's case-insensitive option matches the same ones).
        /// </summary>
        internal static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> lowerCaseName)
        {
            if (reader.HasValueSequence || reader.ValueIsEscaped)
            {
                // Rare: compare the unescaped text.
                return string.Equals(
                    reader.GetString(),
                    Encoding.UTF8.GetString(lowerCaseName.ToArray()),
                    StringComparison.OrdinalIgnoreCase);
            }

            ReadOnlySpan<byte> name = reader.ValueSpan;
            if (name.Length != lowerCaseName.Length)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                // Setting bit 0x20 lower-cases an ASCII letter; the expected name is lower case letters and digits.
                int b = name[i];
                if (b != lowerCaseName[i] && ((b | 0x20) != lowerCaseName[i] || b < 'A' || b > 'Z'))
                {
                    return false;
                }
            }

            return true;
        }

        private static string RawText(ref Utf8JsonReader reader) =>
            Encoding.UTF8.GetString(
                reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
    }
}
