using System;
using System.Reflection;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>Azure.Core settings for our one ARM pipeline: bounded retries and a short network timeout.</summary>
    internal sealed class ArmClientOptions : ClientOptions
    {
        internal static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromSeconds(30);

        internal ArmClientOptions(TimeSpan networkTimeout, HttpPipelineTransport? transport)
        {
            Retry.Mode = RetryMode.Exponential;
            Retry.MaxRetries = 3;
            Retry.Delay = TimeSpan.FromSeconds(0.8);
            Retry.MaxDelay = TimeSpan.FromSeconds(30);
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
