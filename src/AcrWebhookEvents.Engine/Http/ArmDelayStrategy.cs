using System;
using System.Globalization;
using Azure;
using Azure.Core;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// The wait before a retry: what the server asked for (Retry-After, retry-after-ms, x-ms-retry-after-ms) when it
    /// asked, else an exponential backoff. Without jitter, so the wait reported before a retry is the wait taken.
    /// </summary>
    /// <remarks>
    /// Azure.Core takes the larger of the server's Retry-After and this strategy's answer, so this class cannot
    /// shorten a long Retry-After; <see cref="ArmRetryPolicy"/> refuses to retry on one instead.
    /// </remarks>
    internal sealed class ArmDelayStrategy : DelayStrategy
    {
        private readonly RetrySettings _settings;

        internal ArmDelayStrategy(RetrySettings settings)
            : base(settings.MaxServerWait, 0)
        {
            _settings = settings;
        }

        /// <summary>The wait the server asked for, or null when it named none.</summary>
        /// <remarks>Read the way Azure.Core reads it (its own reader is internal): milliseconds first, then
        /// Retry-After as seconds or as an HTTP date.</remarks>
        internal static TimeSpan? ServerDelay(Response? response)
        {
            if (response is null)
            {
                return null;
            }

            foreach (string name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
            {
                if (response.Headers.TryGetValue(name, out string? ms)
                    && int.TryParse(ms, NumberStyles.Integer, CultureInfo.InvariantCulture, out int milliseconds))
                {
                    return TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
                }
            }

            if (!response.Headers.TryGetValue("Retry-After", out string? value))
            {
                return null;
            }

            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds))
            {
                return TimeSpan.FromSeconds(Math.Max(0, seconds));
            }

            const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal;
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, Styles, out DateTimeOffset at)
                ? (at > DateTimeOffset.UtcNow ? at - DateTimeOffset.UtcNow : TimeSpan.Zero)
                : (TimeSpan?)null;
        }

        protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber)
        {
            TimeSpan? server = ServerDelay(response);
            if (server.HasValue)
            {
                return server.Value;
            }

            double milliseconds = _settings.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retryNumber));
            return TimeSpan.FromMilliseconds(Math.Min(milliseconds, _settings.MaxDelay.TotalMilliseconds));
        }
    }
}
