using System;
using System.Text.Json;
using AcrWebhookEvents.Engine.Json;

namespace AcrWebhookEvents.Engine
{
    /// <summary>Parses one buffered listEvents page with the source-generated serializer.</summary>
    internal static class EventPageParser
    {
        /// <summary>Returns the page; a missing or null value is an empty page.</summary>
        /// <exception cref="JsonException">The body is not JSON, or not the documented shape.</exception>
        internal static EventListResultDto Parse(ReadOnlySpan<byte> utf8Json) =>
            JsonSerializer.Deserialize(utf8Json, EngineJsonContext.Default.EventListResultDto)
                ?? new EventListResultDto();
    }
}
