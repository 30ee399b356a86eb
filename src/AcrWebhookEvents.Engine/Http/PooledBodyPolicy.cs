using System;
using System.IO;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// Reads every answer's body whole into a <see cref="PooledBody"/>, as a per-try policy: a connection that breaks
    /// in the middle of a body fails this try, and the retry policy tries again. Requests sent through it must set
    /// <see cref="HttpMessage.BufferResponse"/> to false, so that Azure.Core hands the body over unread (still under
    /// its network timeout for each read). The body replaces the response's content stream, so
    /// <c>Response.Content</c> keeps working, and is kept on the request's <see cref="RequestState"/> for
    /// <see cref="ArmClient"/> to take.
    /// </summary>
    internal sealed class PooledBodyPolicy : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            if (message.BufferResponse)
            {
                // Azure.Core has already read the body.
                return;
            }

            Stream? content = message.Response.ContentStream;
            PooledBody body = PooledBody.Empty;
            if (content != null)
            {
                using (content)
                {
                    long? length = message.Response.Headers.ContentLength;
                    body = await PooledBody.ReadAsync(content, length, message.CancellationToken).ConfigureAwait(false);
                }
            }

            message.Response.ContentStream = body.AsStream();
            RequestState.Of(message).SetBody(body);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
    }
}
