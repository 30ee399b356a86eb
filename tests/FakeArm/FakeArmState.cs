using System.Collections.Concurrent;

namespace AcrWebhookEvents.FakeArm;

/// <summary>The fake's in-memory data, accepted tokens and request log. Thread-safe.</summary>
public sealed class FakeArmState
{
    /// <summary>The tenant every subscription reports.</summary>
    public const string TenantId = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

    /// <summary>The client id the identity endpoint reports when no client_id was asked for.</summary>
    public const string SystemAssignedClientId = "00000000-0000-4000-8000-00000000c11d";

    private const int WriteBudget = 1200;

    private readonly ConcurrentDictionary<string, FakeSubscription> _subscriptions =
        new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _logSync = new();
    private readonly List<string> _tokensIssued = [];
    private readonly List<ArmRequestRecord> _requests = [];
    private readonly List<IdentityCall> _identityCalls = [];
    private int _inFlight;
    private int _maxInFlight;
    private int _writesRemaining = WriteBudget;
    private int _listPageSize = 50;
    private int _decoyRequests;
    private int _strayRequests;
    private int _leakedTokens;

    /// <summary>The decoy HTTPS endpoint (see <see cref="FakeArmServer.DecoyUri"/>).</summary>
    public Uri? DecoyUri { get; internal set; }

    /// <summary>Faults that apply to every ARM request.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Items per page of the webhook and registry lists.</summary>
    public int ListPageSize
    {
        get => Volatile.Read(ref _listPageSize);
        set => Volatile.Write(ref _listPageSize, Math.Max(1, value));
    }

    public IReadOnlyDictionary<string, FakeSubscription> Subscriptions => _subscriptions;

    /// <summary>Registers a subscription (or renames an existing one) and returns it.</summary>
    public FakeSubscription AddSubscription(string subscriptionId, string? displayName = null)
    {
        var subscription = _subscriptions.GetOrAdd(
            subscriptionId, id => new FakeSubscription(id, displayName ?? $"Fake subscription {id}"));
        if (displayName is not null)
        {
            subscription.DisplayName = displayName;
        }

        return subscription;
    }

    /// <summary>Creates a registry, and its subscription and resource group when missing.</summary>
    public FakeRegistry AddRegistry(string subscriptionId, string resourceGroup, string registry) =>
        _subscriptions.GetOrAdd(subscriptionId, id => new FakeSubscription(id, $"Fake subscription {id}"))
            .GetOrAddGroup(resourceGroup)
            .GetOrAddRegistry(registry);

    /// <summary>Creates or replaces a webhook with <paramref name="eventCount"/> generated events.</summary>
    public FakeWebhook AddWebhook(
        string subscriptionId, string resourceGroup, string registry, string webhook, int eventCount, int pageSize = 20)
    {
        var created = new FakeWebhook(webhook, eventCount, pageSize);
        AddRegistry(subscriptionId, resourceGroup, registry).SetWebhook(created);
        return created;
    }

    /// <summary>Adds <paramref name="count"/> events newer than any existing one to a webhook.</summary>
    public void AppendEvents(string subscriptionId, string resourceGroup, string registry, string webhook, int count) =>
        GetWebhook(subscriptionId, resourceGroup, registry, webhook).Append(count);

    /// <summary>Finds a webhook, or throws <see cref="KeyNotFoundException"/>.</summary>
    public FakeWebhook GetWebhook(string subscriptionId, string resourceGroup, string registry, string webhook) =>
        FindWebhook(subscriptionId, resourceGroup, registry, webhook)
        ?? throw new KeyNotFoundException($"No webhook {subscriptionId}/{resourceGroup}/{registry}/{webhook}.");

    public FakeWebhook? FindWebhook(string subscriptionId, string resourceGroup, string registry, string webhook) =>
        _subscriptions.TryGetValue(subscriptionId, out var s)
        && s.ResourceGroups.TryGetValue(resourceGroup, out var g)
        && g.Registries.TryGetValue(registry, out var r)
        && r.Webhooks.TryGetValue(webhook, out var w)
            ? w
            : null;

    /// <summary>Adds the sample data set (see <see cref="SampleData"/>).</summary>
    public void SeedSample() => SampleData.Seed(this);

    /// <summary>Removes all data, faults and the request log; accepted tokens stay valid.</summary>
    public void Clear()
    {
        _subscriptions.Clear();
        Faults.Reset();
        ResetLog();
    }

    /// <summary>Makes the ARM port accept <paramref name="token"/> as a bearer token.</summary>
    public void AddAcceptedToken(string token) => _tokens[token] = 0;

    public bool IsAcceptedToken(string token) => _tokens.ContainsKey(token);

    /// <summary>Stops accepting <paramref name="token"/>, as ARM does once a token expires or is revoked.</summary>
    public void RevokeToken(string token) => _tokens.TryRemove(token, out _);

    /// <summary>Requests that reached the decoy HTTPS port, which no client should ever be sent to.</summary>
    public int DecoyRequests => Volatile.Read(ref _decoyRequests);

    /// <summary>Requests for ARM paths that reached the plain-HTTP control port, where no client should send them.</summary>
    public int StrayRequests => Volatile.Read(ref _strayRequests);

    /// <summary>Decoy and stray requests that carried an Authorization header: tokens sent where they must not go.</summary>
    public int LeakedTokens => Volatile.Read(ref _leakedTokens);

    /// <summary>ARM requests being answered right now.</summary>
    public int InFlightRequests
    {
        get { lock (_logSync) { return _inFlight; } }
    }

    internal void RecordMisdirected(bool decoy, bool withToken)
    {
        Interlocked.Increment(ref decoy ? ref _decoyRequests : ref _strayRequests);
        if (withToken)
        {
            Interlocked.Increment(ref _leakedTokens);
        }
    }

    public IReadOnlyList<string> TokensIssued
    {
        get { lock (_logSync) { return _tokensIssued.ToArray(); } }
    }

    /// <summary>A snapshot of the ARM request log, oldest first.</summary>
    public IReadOnlyList<ArmRequestRecord> Requests
    {
        get { lock (_logSync) { return _requests.ToArray(); } }
    }

    /// <summary>A snapshot of the identity endpoint's log, oldest first.</summary>
    public IReadOnlyList<IdentityCall> IdentityCalls
    {
        get { lock (_logSync) { return _identityCalls.ToArray(); } }
    }

    public int IdentityRequests
    {
        get { lock (_logSync) { return _identityCalls.Count; } }
    }

    /// <summary>The most ARM requests in flight at once since the log was last reset.</summary>
    public int MaxConcurrentRequests
    {
        get { lock (_logSync) { return _maxInFlight; } }
    }

    /// <summary>Counts ARM requests, all of them or those of one route.</summary>
    public int RequestCount(ArmRoute? route = null)
    {
        lock (_logSync)
        {
            return route is null ? _requests.Count : _requests.Count(r => r.Route == route);
        }
    }

    /// <summary>Forgets logged requests and the concurrency high-water mark.</summary>
    public void ResetLog()
    {
        lock (_logSync)
        {
            _requests.Clear();
            _identityCalls.Clear();
            _tokensIssued.Clear();
            _maxInFlight = _inFlight;
            _writesRemaining = WriteBudget;
        }

        Volatile.Write(ref _decoyRequests, 0);
        Volatile.Write(ref _strayRequests, 0);
        Volatile.Write(ref _leakedTokens, 0);
    }

    internal string IssueToken()
    {
        string token = $"fake-{Guid.NewGuid()}";
        AddAcceptedToken(token);
        lock (_logSync)
        {
            _tokensIssued.Add(token);
        }

        return token;
    }

    internal void RecordIdentityCall(IdentityCall call)
    {
        lock (_logSync)
        {
            _identityCalls.Add(call);
        }
    }

    internal void BeginRequest()
    {
        lock (_logSync)
        {
            _maxInFlight = Math.Max(_maxInFlight, ++_inFlight);
        }
    }

    internal void EndRequest(ArmRequestRecord record)
    {
        lock (_logSync)
        {
            _inFlight--;
            _requests.Add(record);
        }
    }

    /// <summary>Spends one unit of the write budget, as ARM reports it after each action.</summary>
    internal int TakeWrite()
    {
        lock (_logSync)
        {
            return _writesRemaining = Math.Max(0, _writesRemaining - 1);
        }
    }
}
