using AcrWebhookEvents.FakeArm;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

public class ResourceTests : IClassFixture<FakeArmFixture>
{
    private const string ApiVersion = "2023-07-01";
    private readonly FakeArmFixture _fake;

    public ResourceTests(FakeArmFixture fake)
    {
        _fake = fake;
    }

    [Fact]
    public async Task ListRegistriesAsync_Subscription_FindsEveryRegistryWithItsResourceGroup()
    {
        using IAcrConnection connection = await _fake.ConnectAsync();

        IReadOnlyList<AcrRegistry> registries = await connection.ListRegistriesAsync(
            SampleData.SubscriptionId, null, ApiVersion, CancellationToken.None);

        AcrRegistry demo = Assert.Single(registries, r => r.Name == SampleData.Registry);
        Assert.Equal(SampleData.ResourceGroup, demo.ResourceGroupName);
        AcrRegistry other = Assert.Single(registries, r => r.Name == SampleData.OtherRegistry);
        Assert.Equal(SampleData.OtherResourceGroup, other.ResourceGroupName);
    }

    [Fact]
    public async Task ListWebhooksAsync_ManyPages_FollowsNextLink()
    {
        const string Registry = "pagedregistry";
        for (int i = 0; i < 120; i++)
        {
            _fake.Server.State.AddWebhook(SampleData.SubscriptionId, "paged-rg", Registry, $"pagedhook{i:D3}", eventCount: 0);
        }

        using IAcrConnection connection = await _fake.ConnectAsync();
        var registry = (await connection.ListRegistriesAsync(SampleData.SubscriptionId, "paged-rg", ApiVersion, CancellationToken.None))
            .Single();

        IReadOnlyList<AcrWebhook> webhooks = await connection.ListWebhooksAsync(registry, ApiVersion, CancellationToken.None);

        Assert.Equal(120, webhooks.Select(w => w.Name).Distinct().Count());
        Assert.All(webhooks, w => Assert.Equal(w.Address.ResourceId, w.Id));
    }

    [Fact]
    public async Task PingAsync_ServerError_IsNotRetried()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 0);
        _fake.Server.State.GetWebhook(hook.SubscriptionId, hook.ResourceGroupName, hook.RegistryName, hook.WebhookName)
            .Faults.FailNextRequests(1, 503);
        using IAcrConnection connection = await _fake.ConnectAsync();

        AcrRequestException ex = await Assert.ThrowsAsync<AcrRequestException>(
            () => connection.PingAsync(hook, ApiVersion, CancellationToken.None));

        Assert.Equal(503, ex.Status);
        Assert.Equal(1, _fake.RequestsFor(hook, ArmRoute.Ping));
    }

    [Fact]
    public async Task PingAsync_ReturnsTheIdOfTheRecordedPingEvent()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 2);
        using IAcrConnection connection = await _fake.ConnectAsync();

        string? id = await connection.PingAsync(hook, ApiVersion, CancellationToken.None);

        EventPage page = (await connection.OpenEvents(hook, new EventQueryOptions()).ReadNextPageAsync(CancellationToken.None))!;
        AcrWebhookEvent newest = page.Events[0];
        Assert.Equal(id, newest.Id);
        Assert.Equal("ping", newest.Action);
    }
}
