using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>A successful ARM answer whose body was read whole inside the retry policy.</summary>
    internal readonly struct ArmResponse
    {
        internal ArmResponse(BinaryData content, RequestSummary summary)
        {
            Content = content;
            Summary = summary;
        }

        internal BinaryData Content { get; }

        internal RequestSummary Summary { get; }

        /// <summary>Parses the body with source-generated metadata.</summary>
        /// <exception cref="JsonException">The body is not JSON of that shape.</exception>
        internal T? Read<T>(JsonTypeInfo<T> shape) => JsonSerializer.Deserialize(Content.ToMemory().Span, shape);
    }
}
