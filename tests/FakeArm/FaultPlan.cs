namespace AcrWebhookEvents.FakeArm;

/// <summary>How an injected fault misbehaves.</summary>
public enum FaultKind
{
    /// <summary>Answer with an ARM error of <see cref="FaultSpec.StatusCode"/>, with optional Retry-After headers.</summary>
    Status,

    /// <summary>Start a 200 answer, write part of its body, then abort the connection.</summary>
    Reset,

    /// <summary>Never answer: wait until the client gives up.</summary>
    Hang,

    /// <summary>Start a 200 answer, write part of its body, then go silent: wait until the client gives up.</summary>
    Stall,

    /// <summary>Stop accepting the bearer token just presented and answer 401, as ARM does for an expired token.</summary>
    Revoke,

    /// <summary>Answer 200 with <see cref="FaultSpec.Body"/> as it is ({self} becomes the request's own URL).</summary>
    Body,
}

/// <summary>One injected fault.</summary>
/// <param name="RetryAfter">The Retry-After header to send; null sends none.</param>
/// <param name="RetryAfterMs">The x-ms-retry-after-ms header to send; null sends none.</param>
public sealed record FaultSpec(
    FaultKind Kind,
    int StatusCode = 500,
    string? RetryAfter = null,
    string? RetryAfterMs = null,
    string? Body = null);

/// <summary>Misbehaviour to inject into ARM requests, globally or for one webhook.</summary>
public sealed class FaultPlan
{
    private readonly Lock _sync = new();
    private readonly List<Pending> _pending = [];
    private int _latencyMs;

    /// <summary>Delay added inside each affected request, in milliseconds.</summary>
    public int LatencyMs
    {
        get => Volatile.Read(ref _latencyMs);
        set => Volatile.Write(ref _latencyMs, Math.Max(0, value));
    }

    /// <summary>How many requests will still be failed.</summary>
    public int PendingFailures
    {
        get { lock (_sync) { return _pending.Sum(p => p.Count); } }
    }

    /// <summary>Fails the next <paramref name="count"/> affected requests with <paramref name="statusCode"/>.</summary>
    /// <remarks>Replaces any fault still pending. 429 and 503 carry <c>Retry-After: 1</c>, as ARM's do.</remarks>
    public void FailNextRequests(int count, int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_sync)
        {
            _pending.Clear();
        }

        if (count > 0)
        {
            string? retryAfter = statusCode is 429 or 503 ? "1" : null;
            AddFault(new FaultSpec(FaultKind.Status, statusCode, retryAfter), count);
        }
    }

    /// <summary>
    /// Queues a fault for <paramref name="count"/> requests, after <paramref name="after"/> requests that pass
    /// unharmed. Faults queued earlier come first.
    /// </summary>
    public void AddFault(FaultSpec fault, int count = 1, int after = 0)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        if (fault.Kind == FaultKind.Status)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(fault.StatusCode, 400);
        }

        lock (_sync)
        {
            _pending.Add(new Pending(fault, count, after));
        }
    }

    /// <summary>Removes every fault.</summary>
    public void Reset()
    {
        LatencyMs = 0;
        lock (_sync)
        {
            _pending.Clear();
        }
    }

    internal Task DelayAsync(CancellationToken cancellationToken)
    {
        int latency = LatencyMs;
        return latency > 0 ? Task.Delay(latency, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Takes the fault for this request, if one is due.</summary>
    internal FaultSpec? TakeFault()
    {
        lock (_sync)
        {
            if (_pending.Count == 0)
            {
                return null;
            }

            var head = _pending[0];
            if (head.After > 0)
            {
                head.After--;
                return null;
            }

            if (--head.Count == 0)
            {
                _pending.RemoveAt(0);
            }

            return head.Fault;
        }
    }

    private sealed class Pending(FaultSpec fault, int count, int after)
    {
        public FaultSpec Fault { get; } = fault;

        public int Count { get; set; } = count;

        public int After { get; set; } = after;
    }
}
