using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// A successful ARM answer whose body was read whole inside the retry policy. Dispose it once parsed: the body
    /// lives in a pooled buffer.
    /// </summary>
    internal sealed class ArmResponse : IDisposable
    {
        private readonly PooledBody _body;

        internal ArmResponse(PooledBody body, RequestSummary summary)
        {
            _body = body;
            Summary = summary;
        }

        /// <summary>The body's bytes; valid until <see cref="Dispose"/>.</summary>
        internal ReadOnlyMemory<byte> Content => _body.Memory;

        internal RequestSummary Summary { get; }

        /// <summary>Parses the body with source-generated metadata.</summary>
        /// <exception cref="JsonException">The body is not JSON of that shape.</exception>
        internal T? Read<T>(JsonTypeInfo<T> shape) => JsonSerializer.Deserialize(Content.Span, shape);

        public void Dispose() => _body.Dispose();
    }
}
