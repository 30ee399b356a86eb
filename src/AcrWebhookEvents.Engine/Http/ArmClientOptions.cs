using System;
using System.Reflection;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// Azure.Core settings for our one ARM pipeline: bounded retries and waits, and a short network timeout per try.
    /// </summary>
    internal sealed class ArmClientOptions : ClientOptions
    {
        internal static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromSeconds(30);

        internal ArmClientOptions(TimeSpan networkTimeout, HttpPipelineTransport? transport, RetrySettings retry)
        {
            RetryPolicy = new ArmRetryPolicy(retry);
            Retry.MaxRetries = retry.MaxRetries;
            Retry.NetworkTimeout = networkTimeout;
            Diagnostics.ApplicationId = ApplicationId;
            Diagnostics.IsDistributedTracingEnabled = false;
            if (transport != null)
            {
                Transport = transport;
            }
        }

        /// <summary>The module's name and version, which ARM's request logs show to the subscription's owner.</summary>
        internal static string ApplicationId { get; } = BuildApplicationId();

        private static string BuildApplicationId()
        {
            Version? version = typeof(ArmClientOptions).Assembly.GetName().Version;
            string id = $"AcrWebhookEvents/{version?.ToString(3)}";

            // Azure.Core refuses an application ID longer than 24 characters.
            return id.Length <= 24 ? id : "AcrWebhookEvents";
        }
    }
}
