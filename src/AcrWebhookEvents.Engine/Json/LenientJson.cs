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

        /// <summary>Property names as UTF-8 for <see cref="FindName"/>, spelled as documented.</summary>
        internal static byte[][] Names(params string[] names)
        {
            var utf8 = new byte[names.Length][];
            for (int i = 0; i < names.Length; i++)
            {
                utf8[i] = Encoding.UTF8.GetBytes(names[i]);
            }

            return utf8;
        }

        /// <summary>
        /// The position in <paramref name="names"/> of the property name the reader is on, ignoring ASCII case (the
        /// documented names are ASCII, and System.Text.Json's case-insensitive option matches the same ones); -1 for
        /// a name not there.
        /// </summary>
        internal static int FindName(ref Utf8JsonReader reader, byte[][] names)
        {
            // Rare: an escaped or split name is compared as unescaped UTF-8.
            ReadOnlySpan<byte> name = reader.HasValueSequence || reader.ValueIsEscaped
                ? Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty)
                : reader.ValueSpan;

            // Names almost always come spelled as documented, and the exact comparison is the fast one.
            for (int i = 0; i < names.Length; i++)
            {
                if (name.SequenceEqual(names[i]))
                {
                    return i;
                }
            }

            for (int i = 0; i < names.Length; i++)
            {
                if (EqualsIgnoringAsciiCase(name, names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool EqualsIgnoringAsciiCase(ReadOnlySpan<byte> left, byte[] right)
        {
            if (left.Length != right.Length)
            {
                return false;
            }

            for (int i = 0; i < left.Length; i++)
            {
                if (LowerAscii(left[i]) != LowerAscii(right[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static int LowerAscii(byte b) => b >= 'A' && b <= 'Z' ? b | 0x20 : b;

        private static string RawText(ref Utf8JsonReader reader) =>
            Encoding.UTF8.GetString(
                reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
    }
}
