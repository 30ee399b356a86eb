using System;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// How hard the engine tries before it gives up on one request. The defaults suit a runbook that lists events
    /// every few minutes; tests shrink the waits so fault tests stay fast.
    /// </summary>
    internal sealed class RetrySettings
    {
        /// <summary>The defaults used by the module.</summary>
        internal static RetrySettings Default { get; } = new RetrySettings();

        /// <summary>Retries after the first try, for throttling, 5xx answers and broken connections.</summary>
        internal int MaxRetries { get; set; } = 3;

        /// <summary>
        /// Retries after a try that got no answer within the network timeout. Lower than <see cref="MaxRetries"/>:
        /// a server that did not answer in 30 s rarely answers on the third go, and each try costs the full timeout.
        /// </summary>
        internal int MaxTimeoutRetries { get; set; } = 1;

        /// <summary>The first backoff when the server names no wait; it doubles with each retry.</summary>
        internal TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(0.8);

        /// <summary>The longest backoff the engine picks by itself.</summary>
        internal TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>
        /// The longest single wait a server may ask for with Retry-After. A longer request is not honoured: the
        /// request fails at once, so a hostile or confused <c>Retry-After: 86400</c> cannot hang a runbook for a day.
        /// </summary>
        internal TimeSpan MaxServerWait { get; set; } = TimeSpan.FromSeconds(60);
    }
}
