using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcrWebhookEvents.Engine
{
    /// <summary>
    /// Keeps each event's JSON as the service returned it, for -Raw, with the same secrets masked as in the objects.
    /// </summary>
    internal static class RawEventJson
    {
        private static readonly JsonSerializerOptions Compact = new JsonSerializerOptions { WriteIndented = false };

        /// <summary>Attaches to each event the JSON of the page element it was made from.</summary>
        internal static void Attach(IReadOnlyList<AcrWebhookEvent> events, ReadOnlyMemory<byte> page, bool showSecret)
        {
            JsonArray? value;
            try
            {
                value = JsonNode.Parse(page.Span)?["value"] as JsonArray;
            }
            catch (JsonException)
            {
                return;
            }

            if (value is null)
            {
                return;
            }

            // The parser skipped null and non-object elements; skip the same ones here to stay in step.
            int next = 0;
            foreach (JsonNode? element in value)
            {
                if (element is JsonObject item && next < events.Count)
                {
                    if (!showSecret)
                    {
                        Mask(item);
                    }

                    events[next++].RawJson = item.ToJsonString(Compact);
                }
            }
        }

        private static void Mask(JsonObject item)
        {
            if (item["eventRequestMessage"] is JsonObject request)
            {
                MaskHeaders(request["headers"] as JsonObject);
                if (request["requestUri"] is JsonValue uri && uri.TryGetValue(out string? text))
                {
                    request["requestUri"] = SecretMasker.MaskUri(text);
                }
            }

            if (item["eventResponseMessage"] is JsonObject response)
            {
                MaskHeaders(response["headers"] as JsonObject);
            }
        }

        private static void MaskHeaders(JsonObject? headers)
        {
            if (headers is null)
            {
                return;
            }

            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, JsonNode?> header in headers)
            {
                values[header.Key] = header.Value?.ToString();
            }

            foreach (KeyValuePair<string, string?> masked in SecretMasker.MaskHeaders(values))
            {
                if (!string.Equals(masked.Value, values[masked.Key], StringComparison.Ordinal))
                {
                    headers[masked.Key] = masked.Value;
                }
            }
        }
    }
}
