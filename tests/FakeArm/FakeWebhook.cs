using System.Buffers;

namespace AcrWebhookEvents.FakeArm;

/// <summary>A webhook, its settings and its recorded events.</summary>
public sealed class FakeWebhook
{
    private readonly Lock _sync = new();

    // Oldest first so that new events are a cheap append; readers see newest first.
    private readonly List<FakeEvent> _events = [];

    // Serialised "[...]" arrays by skip offset; any change to the events shifts every page.
    private readonly Dictionary<int, byte[]> _pages = [];
    private long _nextNumber;
    private int _pageSize;

    internal FakeWebhook(string name, int eventCount, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventCount);
        Name = name;
        PageSize = pageSize;
        for (int number = eventCount - 1; number >= 0; number--)
        {
            _events.Add(EventGenerator.Create(name, number, EventGenerator.HistoryTimestamp(name, number)));
        }

        _nextNumber = eventCount;
    }

    public string Name { get; }

    public string Status { get; set; } = "enabled";

    public string Scope { get; set; } = "";

    public IReadOnlyList<string> Actions { get; set; } = ["push", "delete"];

    public string ServiceUri { get; set; } = "https://hooks.example.com/acr";

    /// <summary>Faults that apply to ARM requests addressed to this webhook.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Events per listEvents page.</summary>
    public int PageSize
    {
        get { lock (_sync) { return _pageSize; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_sync)
            {
                _pageSize = value;
                _pages.Clear();
            }
        }
    }

    public int EventCount
    {
        get { lock (_sync) { return _events.Count; } }
    }

    /// <summary>A snapshot of the events, newest first.</summary>
    public IReadOnlyList<FakeEvent> Events
    {
        get
        {
            lock (_sync)
            {
                var copy = _events.ToList();
                copy.Reverse();
                return copy;
            }
        }
    }

    /// <summary>Adds <paramref name="count"/> generated events, newer than all existing ones.</summary>
    public void Append(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_sync)
        {
            for (int i = 0; i < count; i++)
            {
                AddNewest(null, null);
            }
        }
    }

    /// <summary>
    /// Forgets all but the newest <paramref name="keep"/> events, as the service forgets old ones: the documentation
    /// says only that "recent events" are listed.
    /// </summary>
    public void Expire(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        lock (_sync)
        {
            if (keep < _events.Count)
            {
                // Kept oldest first: the newest are at the end.
                _events.RemoveRange(0, _events.Count - keep);
                _pages.Clear();
            }
        }
    }

    /// <summary>Records the event a ping creates and returns it.</summary>
    public FakeEvent AddPing(string id)
    {
        lock (_sync)
        {
            return AddNewest("ping", id);
        }
    }

    /// <summary>Gets the JSON array of the page starting <paramref name="skip"/> events from the newest.</summary>
    /// <returns>False when <paramref name="skip"/> does not address an event.</returns>
    internal bool TryGetPage(int skip, out byte[] page, out int? nextSkip)
    {
        lock (_sync)
        {
            int count = _events.Count;
            page = [];
            nextSkip = null;
            if (skip < 0 || (skip > 0 && skip >= count))
            {
                return false;
            }

            int end = Math.Min(count, skip + _pageSize);
            nextSkip = end < count ? end : null;
            if (!_pages.TryGetValue(skip, out var cached))
            {
                cached = Serialise(skip, end);
                _pages[skip] = cached;
            }

            page = cached;
            return true;
        }
    }

    private FakeEvent AddNewest(string? action, string? id)
    {
        long number = _nextNumber++;
        var timestamp = _events.Count == 0
            ? EventGenerator.HistoryTimestamp(Name, 0)
            : EventGenerator.NextTimestamp(_events[^1].Timestamp, Name, number);
        var added = EventGenerator.Create(Name, number, timestamp, action, id);
        _events.Add(added);
        _pages.Clear();
        return added;
    }

    private byte[] Serialise(int skip, int end)
    {
        var buffer = new ArrayBufferWriter<byte>(2048 * Math.Max(1, end - skip));
        buffer.Write("["u8);
        for (int k = skip; k < end; k++)
        {
            if (k > skip)
            {
                buffer.Write(","u8);
            }

            buffer.Write(_events[_events.Count - 1 - k].Utf8Json);
        }

        buffer.Write("]"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
