namespace AcrWebhookEvents.FakeArm;

/// <summary>Misbehaviour to inject into ARM requests, globally or for one webhook.</summary>
/// <remarks>New kinds of fault (throttling, resets, broken JSON) belong here as further settings.</remarks>
public sealed class FaultPlan
{
    private readonly Lock _sync = new();
    private int _latencyMs;
    private int _failuresLeft;
    private int _failureStatus;

    /// <summary>Delay added inside each affected request, in milliseconds.</summary>
    public int LatencyMs
    {
        get => Volatile.Read(ref _latencyMs);
        set => Volatile.Write(ref _latencyMs, Math.Max(0, value));
    }

    /// <summary>How many requests will still be failed.</summary>
    public int PendingFailures
    {
        get { lock (_sync) { return _failuresLeft; } }
    }

    /// <summary>Fails the next <paramref name="count"/> affected requests with <paramref name="statusCode"/>.</summary>
    public void FailNextRequests(int count, int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_sync)
        {
            _failuresLeft = count;
            _failureStatus = statusCode;
        }
    }

    /// <summary>Removes every fault.</summary>
    public void Reset()
    {
        LatencyMs = 0;
        FailNextRequests(0);
    }

    internal Task DelayAsync(CancellationToken cancellationToken)
    {
        int latency = LatencyMs;
        return latency > 0 ? Task.Delay(latency, cancellationToken) : Task.CompletedTask;
    }

    internal bool TryTakeFailure(out int statusCode)
    {
        lock (_sync)
        {
            statusCode = _failureStatus;
            if (_failuresLeft == 0)
            {
                return false;
            }

            _failuresLeft--;
            return true;
        }
    }
}
