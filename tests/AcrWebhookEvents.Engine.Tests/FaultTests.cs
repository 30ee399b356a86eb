using System.Diagnostics;
using AcrWebhookEvents.FakeArm;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

/// <summary>Throttling, server errors, broken connections, silence and cancellation, against the fake's faults.</summary>
public class FaultTests : IClassFixture<FakeArmFixture>
{
    private readonly FakeArmFixture _fake;

    public FaultTests(FakeArmFixture fake)
    {
        _fake = fake;
    }

    private FakeWebhook Faults(WebhookAddress hook) =>
        _fake.Server.State.GetWebhook(hook.SubscriptionId, hook.ResourceGroupName, hook.RegistryName, hook.WebhookName);

    private Task<IAcrConnection> ConnectFastAsync(TimeSpan? timeout = null) =>
        _fake.FastEngine.ConnectAsync(
            new AcrConnectOptions
            {
                AuthMethod = AcrAuthMethod.AccessToken,
                AccessToken = FakeArmFixture.Secure(_fake.Token),
                ResourceManagerUrl = _fake.Server.ArmUri,
                SubscriptionId = SampleData.SubscriptionId,
                NetworkTimeout = timeout,
            },
            CancellationToken.None);

    private static async Task<List<AcrWebhookEvent>> ReadAllAsync(IEventPageReader reader, CancellationToken token = default)
    {
        var events = new List<AcrWebhookEvent>();
        EventPage? page;
        while ((page = await reader.ReadNextPageAsync(token)) != null)
        {
            events.AddRange(page.Events);
        }

        return events;
    }

    [Fact]
    public async Task ReadNextPage_BurstOf429WithRetryAfterMs_WaitsAsAskedReportsEachWaitAndGetsEverything()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 45);
        Faults(hook).Faults.AddFault(new FaultSpec(FaultKind.Status, 429, RetryAfterMs: "10"), count: 2, after: 1);
        using IAcrConnection connection = await ConnectFastAsync();
        var diagnostics = new RecordingDiagnostics();

        List<AcrWebhookEvent> events = await ReadAllAsync(
            connection.OpenEvents(hook, new EventQueryOptions { Diagnostics = diagnostics }));

        Assert.Equal(45, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(45, events.Count);
        string[] waits = diagnostics.VerboseMessages.Where(m => m.Contains("waiting")).ToArray();
        Assert.Equal(2, waits.Length);
        Assert.All(waits, w => Assert.Contains("ARM answered 429", w));
        Assert.All(waits, w => Assert.Contains("waiting 0.01 s as ARM asked", w));
        Assert.Contains("try 1 of 4", waits[0]);
        Assert.Contains("try 2 of 4", waits[1]);
        Assert.Equal(5, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task ReadNextPage_ThrottledOnThePost_ReportsTheRemainingWriteBudget()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 3);
        Faults(hook).Faults.AddFault(new FaultSpec(FaultKind.Status, 429, RetryAfter: "0"));
        using IAcrConnection connection = await ConnectFastAsync();
        var diagnostics = new RecordingDiagnostics();

        List<AcrWebhookEvent> events = await ReadAllAsync(
            connection.OpenEvents(hook, new EventQueryOptions { Diagnostics = diagnostics }));

        Assert.Equal(3, events.Count);
        Assert.Contains(diagnostics.VerboseMessages, m => m.Contains("remaining write budget for the subscription: "));
    }

    [Fact]
    public async Task ReadNextPage_RetryAfterOfADay_FailsAtOnceAsThrottledInsteadOfWaiting()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 3);
        Faults(hook).Faults.AddFault(new FaultSpec(FaultKind.Status, 429, RetryAfter: "86400"), count: 5);
        using IAcrConnection connection = await _fake.ConnectAsync(subscriptionId: SampleData.SubscriptionId);
        var stopwatch = Stopwatch.StartNew();

        AcrRequestException ex = await Assert.ThrowsAsync<AcrRequestException>(
            () => connection.OpenEvents(hook, new EventQueryOptions()).ReadNextPageAsync(CancellationToken.None));

        // Generous: the point is "not a day", and the default engine is used, so no setting shrank anything.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Equal(AcrErrorKind.Throttled, ex.Kind);
        Assert.Equal(429, ex.Status);
        Assert.Equal("TooManyRequests", ex.ErrorCode);
        Assert.Contains("86400 s", ex.Message);
        Assert.Contains("write throttling", ex.Message);
        Assert.Contains("Remaining write budget reported by ARM", ex.Message);
        Assert.Equal(1, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task ReadNextPage_ThrottledBeyondTheRetries_FailsAfterFourTriesSayingSo()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 3);
        Faults(hook).Faults.AddFault(new FaultSpec(FaultKind.Status, 429, RetryAfterMs: "5"), count: 10);
        using IAcrConnection connection = await ConnectFastAsync();

        AcrRequestException ex = await Assert.ThrowsAsync<AcrRequestException>(
            () => connection.OpenEvents(hook, new EventQueryOptions()).ReadNextPageAsync(CancellationToken.None));

        Assert.Equal(AcrErrorKind.Throttled, ex.Kind);
        Assert.Contains("try 4", ex.Message);
        Assert.Equal(4, _fake.RequestsFor(hook));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task ReadNextPage_TransientServerErrors_AreRetried(int status)
    {
        WebhookAddress hook = _fake.NewWebhook(events: 25);
        Faults(hook).Faults.AddFault(new FaultSpec(FaultKind.Status, status), count: 2, after: 1);
        using IAcrConnection connection = await ConnectFastAsync();

        List<AcrWebhookEvent> events = await ReadAllAsync(connection.OpenEvents(hook, new EventQueryOptions()));

        Assert.Equal(25, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(4, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task ReadNextPage_ServerErrorsBeyondTheRetries_IsAServiceErrorWithArmsCode()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 3);
        Faults(hook).Faults.AddFault(new FaultSpec(FaultKind.Status, 500), count: 10);
        using IAcrConnection connection = await ConnectFastAsync();

        AcrRequestException ex = await Assert.ThrowsAsync<AcrRequestException>(
            () => connection.OpenEvents(hook, new EventQueryOptions()).ReadNextPageAsync(CancellationToken.None));

        Assert.Equal(AcrErrorKind.ServiceError, ex.Kind);
        Assert.Equal("InternalServerError", ex.ErrorCode);
        Assert.Equal(hook, ex.Webhook);
        Assert.Equal(4, _fake.RequestsFor(hook));
    }

    [Theory]
    [InlineData(FaultKind.Reset, "the connection failed")]
    [InlineData(FaultKind.Stall, "no answer within the network timeout")]
    public async Task ReadNextPage_PageBodyCutShortOnce_RetriesThePageWithoutDuplicates(FaultKind cut, string reported)
    {
        WebhookAddress hook = _fake.NewWebhook(events: 45);
        Faults(hook).Faults.AddFault(new FaultSpec(cut), count: 1, after: 1);
        using IAcrConnection connection = await ConnectFastAsync(
            timeout: cut == FaultKind.Stall ? TimeSpan.FromMilliseconds(300) : null);
        var diagnostics = new RecordingDiagnostics();
        IEventPageReader reader = connection.OpenEvents(hook, new EventQueryOptions { Diagnostics = diagnostics });

        var pages = new List<EventPage>();
        EventPage? page;
        while ((page = await reader.ReadNextPageAsync(CancellationToken.None)) != null)
        {
            pages.Add(page);
        }

        Assert.Equal(new[] { 20, 20, 5 }, pages.Select(p => p.Events.Count));
        Assert.Equal(45, pages.SelectMany(p => p.Events).Select(e => e.Id).Distinct().Count());
        Assert.Equal(1, _fake.RequestsFor(hook, ArmRoute.ListEventsFirst));
        Assert.Equal(3, _fake.RequestsFor(hook, ArmRoute.ListEventsNext)); // page 2 twice, then page 3
        Assert.True(
            diagnostics.VerboseMessages.Any(m => m.Contains(reported)),
            string.Join("\n", diagnostics.VerboseMessages));
    }

    [Fact]
    public async Task ReadNextPage_ConnectionResetOnEveryTry_IsAConnectionErrorNamingTheTries()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 5);
        Faults(hook).Faults.AddFault(new FaultSpec(FaultKind.Reset), count: 10);
        using IAcrConnection connection = await ConnectFastAsync();

        AcrException ex = await Assert.ThrowsAsync<AcrException>(
            () => connection.OpenEvents(hook, new EventQueryOptions()).ReadNextPageAsync(CancellationToken.None));

        Assert.Equal(AcrErrorKind.Connection, ex.Kind);
        Assert.Contains("after 4 tries", ex.Message);
        Assert.Equal(hook, ex.Webhook);
        Assert.Equal(4, _fake.RequestsFor(hook));
    }

    [Theory]
    [InlineData(FaultKind.Hang)] // no answer at all
    [InlineData(FaultKind.Stall)] // silence half way through the body
    public async Task ReadNextPage_ServerGoesSilent_IsATimeoutSayingHowLongWasWaited(FaultKind silence)
    {
        WebhookAddress hook = _fake.NewWebhook(events: 5);
        Faults(hook).Faults.AddFault(new FaultSpec(silence), count: 10);
        using IAcrConnection connection = await ConnectFastAsync(timeout: TimeSpan.FromMilliseconds(300));

        AcrException ex = await Assert.ThrowsAsync<AcrException>(
            () => connection.OpenEvents(hook, new EventQueryOptions()).ReadNextPageAsync(CancellationToken.None));

        Assert.Equal(AcrErrorKind.Timeout, ex.Kind);
        Assert.IsNotType<OperationCanceledException>(ex);
        Assert.Contains("network timeout of 0.3 s on 2 tries", ex.Message);
        Assert.Contains("waited in all", ex.Message);
        Assert.Contains("-TimeoutSec", ex.Message);
        await WaitUntilAsync(() => _fake.RequestsFor(hook) == 2);
    }

    [Fact]
    public async Task ReadNextPage_CancelledWhileTheServerIsSilent_IsACancellationNotAnErrorAndReturnsAtOnce()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 5);
        Faults(hook).Faults.AddFault(new FaultSpec(FaultKind.Hang), count: 10);
        using IAcrConnection connection = await ConnectFastAsync(timeout: TimeSpan.FromSeconds(60));
        using var stop = new CancellationTokenSource();
        Task<EventPage?> read = connection.OpenEvents(hook, new EventQueryOptions()).ReadNextPageAsync(stop.Token);
        await WaitUntilAsync(() => _fake.Server.State.InFlightRequests > 0);

        var stopwatch = Stopwatch.StartNew();
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        await WaitUntilAsync(() => _fake.RequestsFor(hook) == 1);
        Assert.Equal(1, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task ReadNextPage_CancelledDuringARetryWait_IsACancellationAndSendsNothingMore()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 5);
        Faults(hook).Faults.AddFault(new FaultSpec(FaultKind.Status, 503, RetryAfter: "2"), count: 10);
        using IAcrConnection connection = await ConnectFastAsync();
        using var stop = new CancellationTokenSource();
        var diagnostics = new RecordingDiagnostics();
        Task<EventPage?> read = connection.OpenEvents(hook, new EventQueryOptions { Diagnostics = diagnostics })
            .ReadNextPageAsync(stop.Token);
        await WaitUntilAsync(() => diagnostics.VerboseMessages.Any(m => m.Contains("waiting 2 s")));

        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.Equal(1, _fake.RequestsFor(hook));
    }

    /// <summary>Polls a condition the fake or the engine reaches on its own; gives up after a generous while.</summary>
    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "The condition was not reached within 10 s.");
            await Task.Delay(10);
        }
    }
}
