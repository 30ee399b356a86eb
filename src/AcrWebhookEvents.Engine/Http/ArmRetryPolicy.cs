using System;
using System.Globalization;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// Azure.Core's retry policy with three bounds added: the longest wait a server may ask for, fewer retries after
    /// timeouts, and a report of each wait to the request's diagnostics (-Verbose), with ARM's remaining budget.
    /// </summary>
    internal sealed class ArmRetryPolicy : RetryPolicy
    {
        private readonly RetrySettings _settings;
        private readonly ArmDelayStrategy _delays;

        internal ArmRetryPolicy(RetrySettings settings)
            : this(settings, new ArmDelayStrategy(settings))
        {
        }

        private ArmRetryPolicy(RetrySettings settings, ArmDelayStrategy delays)
            : base(settings.MaxRetries, delays)
        {
            _settings = settings;
            _delays = delays;
        }

        protected override void OnSendingRequest(HttpMessage message) => CountTry(message);

        protected override ValueTask OnSendingRequestAsync(HttpMessage message)
        {
            CountTry(message);
            return default;
        }

        // Azure.Core's own retry counter is internal; this one counts the same tries.
        private static void CountTry(HttpMessage message) => RequestState.Of(message).Tries++;

        protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
            Decide(message, exception, base.ShouldRetry(message, exception));

        protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
            Decide(message, exception, await base.ShouldRetryAsync(message, exception).ConfigureAwait(false));

        private bool Decide(HttpMessage message, Exception? exception, bool retriable)
        {
            RequestState state = RequestState.Of(message);
            bool timedOut = IsTimeout(exception) && !message.CancellationToken.IsCancellationRequested;
            if (timedOut)
            {
                state.TimedOutTries++;
            }

            if (!retriable)
            {
                return false;
            }

            if (timedOut && state.TimedOutTries > _settings.MaxTimeoutRetries)
            {
                return false;
            }

            Azure.Response? response = message.HasResponse ? message.Response : null;
            TimeSpan? asked = ArmDelayStrategy.ServerDelay(response);
            if (asked.HasValue && asked.Value > _settings.MaxServerWait)
            {
                state.RefusedWait = asked;
                return false;
            }

            // The same call Azure.Core makes next; without jitter it gives the same answer, so the report is exact.
            TimeSpan wait = _delays.GetNextDelay(response, state.Tries - 1);
            state.Waited += wait;
            state.Diagnostics?.Verbose(DescribeRetry(message, state, exception, response, asked, wait));
            return true;
        }

        private string DescribeRetry(
            HttpMessage message,
            RequestState state,
            Exception? exception,
            Azure.Response? response,
            TimeSpan? asked,
            TimeSpan wait)
        {
            string what = message.Request.Method + " " + message.Request.Uri.Path;
            // An exception wins over a response: a connection reset in the middle of a body comes after the status.
            string outcome = exception is null && response != null
                ? $"ARM answered {response.Status} {response.ReasonPhrase}".TrimEnd()
                : IsTimeout(exception)
                    ? "no answer within the network timeout"
                    : "the connection failed (" + Describe(exception) + ")";
            string text = $"{what}: {outcome} on try {state.Tries} of {_settings.MaxRetries + 1}; waiting "
                + Seconds(wait) + (asked.HasValue ? " as ARM asked" : string.Empty) + " before trying again.";
            string? writes = RequestState.Header(response, RequestState.RemainingWritesHeader);
            if (writes != null)
            {
                text += $" ARM's remaining write budget for the subscription: {writes}.";
            }

            return text;
        }

        /// <summary>
        /// True for Azure.Core's network timeout. It throws a TaskCanceledException whose message names the configured
        /// timeout and has no TimeoutException inside; other cancellations (a connection torn down) are not timeouts.
        /// </summary>
        internal static bool IsTimeout(Exception? exception)
        {
            if (!(exception is OperationCanceledException))
            {
                return false;
            }

            for (Exception? inner = exception; inner != null; inner = inner.InnerException)
            {
                if (inner is TimeoutException)
                {
                    return true;
                }
            }

            return exception.Message.IndexOf("timeout", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        internal static string Seconds(TimeSpan span) =>
            span.TotalSeconds.ToString(span.TotalSeconds < 10 ? "0.###" : "0", CultureInfo.InvariantCulture) + " s";

        internal static string Describe(Exception? exception)
        {
            Exception? inner = exception;
            while (inner?.InnerException != null && !(inner is System.IO.IOException))
            {
                inner = inner.InnerException;
            }

            return inner is null ? "unknown" : inner.GetType().Name + ": " + inner.Message.TrimEnd('.');
        }
    }
}
