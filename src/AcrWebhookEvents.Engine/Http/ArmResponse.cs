using System;

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
    }
}
