using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AcrWebhookEvents.Engine
{
    /// <summary>
    /// Reads many webhooks concurrently, at most a throttle limit at a time. Each worker reads one webhook page by
    /// page and waits, after handing over a page, until the consumer asks for more; the consumer sees pages as they
    /// arrive, and each webhook's pages in order.
    /// </summary>
    internal sealed class EventStream : IEventStream
    {
        private readonly AcrConnection _connection;
        private readonly IReadOnlyList<WebhookAddress> _webhooks;
        private readonly EventQueryOptions _options;
        private readonly int _throttleLimit;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<Handover> _ready = new ConcurrentQueue<Handover>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly List<Handover> _handedOut = new List<Handover>();
        private Task[]? _workers;
        private int _nextWebhook = -1;
        private int _webhooksDone;
        private int _workersRunning;

        internal EventStream(
            AcrConnection connection,
            IReadOnlyList<WebhookAddress> webhooks,
            EventQueryOptions options,
            int throttleLimit)
        {
            _connection = connection;
            _webhooks = webhooks;
            _options = options;
            _throttleLimit = Math.Max(1, Math.Min(throttleLimit, Math.Max(1, webhooks.Count)));
        }

        public int WebhookCount => _webhooks.Count;

        public int WebhooksDone => Volatile.Read(ref _webhooksDone);

        public async Task<EventBatch?> NextAsync(CancellationToken cancellationToken)
        {
            // What was handed out before has been taken by the caller: its workers may fetch their next pages.
            foreach (Handover previous in _handedOut)
            {
                previous.Taken.TrySetResult(true);
            }

            _handedOut.Clear();
            Start();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_ready.TryDequeue(out Handover? handover))
                {
                    _handedOut.Add(handover);
                    return handover.Batch;
                }

                if (Volatile.Read(ref _workersRunning) == 0 && _ready.IsEmpty)
                {
                    return null;
                }

                await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Stops every worker: requests in flight are cancelled and no new one starts. Waits briefly for the workers,
        /// so that nothing of this stream is left running when the command that read it has ended.
        /// </summary>
        public void Dispose()
        {
            _stop.Cancel();
            foreach (Handover previous in _handedOut)
            {
                previous.Taken.TrySetCanceled();
            }

            while (_ready.TryDequeue(out Handover? pending))
            {
                pending.Taken.TrySetCanceled();
            }

            if (_workers != null)
            {
                Task.WaitAny(Task.WhenAll(_workers), Task.Delay(TimeSpan.FromSeconds(1)));
            }
        }

        private void Start()
        {
            if (_workers != null)
            {
                return;
            }

            _workersRunning = _throttleLimit;
            _workers = new Task[_throttleLimit];
            for (int i = 0; i < _throttleLimit; i++)
            {
                _workers[i] = Task.Run(WorkAsync);
            }
        }

        private async Task WorkAsync()
        {
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref _nextWebhook)) < _webhooks.Count
                    && !_stop.IsCancellationRequested)
                {
                    await ReadWebhookAsync(_webhooks[index]).ConfigureAwait(false);
                    Interlocked.Increment(ref _webhooksDone);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _workersRunning);
                _signal.Release();
            }
        }

        private async Task ReadWebhookAsync(WebhookAddress webhook)
        {
            IEventPageReader reader = _connection.OpenEvents(webhook, _options);
            bool more = true;
            while (more && !_stop.IsCancellationRequested)
            {
                EventBatch batch;
                try
                {
                    EventPage? page = await reader.ReadNextPageAsync(_stop.Token).ConfigureAwait(false);
                    if (page is null)
                    {
                        return;
                    }

                    batch = new EventBatch(webhook, page, null);
                    more = page.HasMore;
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (AcrException ex)
                {
                    ex.Webhook ??= webhook;
                    batch = new EventBatch(webhook, null, ex);
                    more = false;
                }
                catch (Exception ex)
                {
                    // Whatever went wrong reaches the caller as this webhook's failure, never as a lost task.
                    batch = new EventBatch(
                        webhook,
                        null,
                        new AcrException(AcrErrorKind.Unknown, $"Reading webhook {webhook} failed: {ex.Message}", ex)
                        {
                            Webhook = webhook,
                        });
                    more = false;
                }

                // Wait until the caller asks for more, even after a webhook's last page: every request then starts
                // after the caller took what came before, so a caller that stops early causes no further request.
                var handover = new Handover(batch);
                Hand(handover);
                try
                {
                    await handover.Taken.Task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                more &= !batch.ReadNoFurther;
            }
        }

        private void Hand(Handover handover)
        {
            _ready.Enqueue(handover);
            _signal.Release();
        }

        private sealed class Handover
        {
            internal Handover(EventBatch batch)
            {
                Batch = batch;
            }

            internal EventBatch Batch { get; }

            internal TaskCompletionSource<bool> Taken { get; } =
                new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
