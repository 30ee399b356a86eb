using AcrWebhookEvents.FakeArm;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

public class EventStreamTests : IClassFixture<FakeArmFixture>
{
    private readonly FakeArmFixture _fake;

    public EventStreamTests(FakeArmFixture fake)
    {
        _fake = fake;
    }

    private List<WebhookAddress> NewWebhooks(int count, int events, int pageSize, int latencyMs = 0)
    {
        var hooks = new List<WebhookAddress>();
        for (int i = 0; i < count; i++)
        {
            WebhookAddress hook = _fake.NewWebhook(events, pageSize);
            _fake.Server.State.GetWebhook(hook.SubscriptionId, hook.ResourceGroupName, hook.RegistryName, hook.WebhookName)
                .Faults.LatencyMs = latencyMs;
            hooks.Add(hook);
        }

        return hooks;
    }

    [Fact]
    public async Task NextAsync_ManyWebhooks_GivesEveryPageOnceAndEachWebhooksPagesInOrder()
    {
        List<WebhookAddress> hooks = NewWebhooks(count: 6, events: 25, pageSize: 10, latencyMs: 20);
        using IAcrConnection connection = await _fake.ConnectAsync();
        using IEventStream stream = connection.OpenEventStream(hooks, new EventQueryOptions(), throttleLimit: 3);

        var pagesByHook = new Dictionary<string, List<int>>();
        EventBatch? batch;
        while ((batch = await stream.NextAsync(CancellationToken.None)) != null)
        {
            Assert.Null(batch.Error);
            pagesByHook.TryAdd(batch.Webhook.WebhookName, new List<int>());
            pagesByHook[batch.Webhook.WebhookName].Add(batch.Page!.Number);
        }

        Assert.Equal(6, pagesByHook.Count);
        Assert.All(pagesByHook.Values, pages => Assert.Equal(new[] { 1, 2, 3 }, pages));
        Assert.Equal(6, stream.WebhooksDone);
    }

    [Fact]
    public async Task NextAsync_CallerHoldsAPage_ThatWebhookFetchesNothingMore()
    {
        WebhookAddress hook = NewWebhooks(count: 1, events: 50, pageSize: 10)[0];
        using IAcrConnection connection = await _fake.ConnectAsync();
        using IEventStream stream = connection.OpenEventStream(new[] { hook }, new EventQueryOptions(), throttleLimit: 4);

        EventBatch? first = await stream.NextAsync(CancellationToken.None);

        Assert.Equal(1, first!.Page!.Number);

        // The worker has handed over page 1 and waits to be asked again. Asking proves it: page 2 comes next,
        // and until then exactly one request was made.
        Assert.Equal(1, _fake.RequestsFor(hook));
        EventBatch? second = await stream.NextAsync(CancellationToken.None);
        Assert.Equal(2, second!.Page!.Number);
        Assert.Equal(2, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task Dispose_AfterFirstPage_NoFurtherRequestStarts()
    {
        List<WebhookAddress> hooks = NewWebhooks(count: 8, events: 30, pageSize: 10, latencyMs: 30);
        using IAcrConnection connection = await _fake.ConnectAsync();
        IEventStream stream = connection.OpenEventStream(hooks, new EventQueryOptions(), throttleLimit: 4);

        await stream.NextAsync(CancellationToken.None);
        stream.Dispose();
        int afterDispose = hooks.Sum(h => _fake.RequestsFor(h));

        Assert.True(afterDispose <= 4, $"{afterDispose} requests: only the first requests of the 4 workers may have started.");
        Assert.Equal(0, hooks.Sum(h => _fake.RequestsFor(h, ArmRoute.ListEventsNext)));
    }

    [Fact]
    public async Task NextAsync_OneWebhookFails_ItsErrorArrivesAndTheOthersComplete()
    {
        List<WebhookAddress> hooks = NewWebhooks(count: 3, events: 15, pageSize: 10);
        WebhookAddress broken = hooks[1];
        _fake.Server.State.GetWebhook(broken.SubscriptionId, broken.ResourceGroupName, broken.RegistryName, broken.WebhookName)
            .Faults.FailNextRequests(1, 403);
        using IAcrConnection connection = await _fake.ConnectAsync();
        using IEventStream stream = connection.OpenEventStream(hooks, new EventQueryOptions(), throttleLimit: 2);

        var batches = new List<EventBatch>();
        EventBatch? batch;
        while ((batch = await stream.NextAsync(CancellationToken.None)) != null)
        {
            batches.Add(batch);
        }

        EventBatch failure = Assert.Single(batches, b => b.Error != null);
        Assert.Equal(broken, failure.Webhook);
        Assert.Equal(AcrErrorKind.PermissionDenied, failure.Error!.Kind);
        Assert.Equal(30, batches.Where(b => b.Page != null).Sum(b => b.Page!.Events.Count));
    }

    [Fact]
    public async Task NextAsync_ReadNoFurther_StopsThatWebhook()
    {
        WebhookAddress hook = NewWebhooks(count: 1, events: 50, pageSize: 10)[0];
        using IAcrConnection connection = await _fake.ConnectAsync();
        using IEventStream stream = connection.OpenEventStream(new[] { hook }, new EventQueryOptions(), throttleLimit: 1);

        EventBatch? first = await stream.NextAsync(CancellationToken.None);
        first!.ReadNoFurther = true;

        Assert.Null(await stream.NextAsync(CancellationToken.None));
        Assert.Equal(1, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task OpenEventStream_IncludeRawJson_KeepsEachEventsJsonWithSecretsMasked()
    {
        using IAcrConnection connection = await _fake.ConnectAsync();
        using IEventStream stream = connection.OpenEventStream(
            new[] { FakeArmFixture.Hook("deployhook") },
            new EventQueryOptions { IncludeRawJson = true },
            throttleLimit: 1);

        EventBatch batch = (await stream.NextAsync(CancellationToken.None))!;

        Assert.All(batch.Page!.Events, e =>
        {
            using var json = System.Text.Json.JsonDocument.Parse(e.RawJson!);
            Assert.Equal(e.Id, json.RootElement.GetProperty("id").GetString());
            Assert.Equal("******", json.RootElement.GetProperty("eventRequestMessage").GetProperty("headers").GetProperty("X-Api-Key").GetString());
            Assert.DoesNotContain("SECRET", e.RawJson);
        });
    }
}
