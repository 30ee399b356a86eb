using AcrWebhookEvents.FakeArm;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

public class PagingTests : IClassFixture<FakeArmFixture>
{
    private readonly FakeArmFixture _fake;

    public PagingTests(FakeArmFixture fake)
    {
        _fake = fake;
    }

    private static async Task<List<EventPage>> ReadAllAsync(IEventPageReader reader)
    {
        var pages = new List<EventPage>();
        EventPage? page;
        while ((page = await reader.ReadNextPageAsync(CancellationToken.None)) != null)
        {
            pages.Add(page);
        }

        return pages;
    }

    [Fact]
    public async Task ReadNextPage_ManyPages_FollowsNextLinkUntilAbsent()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 45, pageSize: 20);
        using IAcrConnection connection = await _fake.ConnectAsync();

        List<EventPage> pages = await ReadAllAsync(connection.OpenEvents(hook, new EventQueryOptions()));

        Assert.Equal(new[] { 20, 20, 5 }, pages.Select(p => p.Events.Count));
        Assert.Equal(new[] { 1, 2, 3 }, pages.Select(p => p.Number));
        Assert.Equal(new[] { true, true, false }, pages.Select(p => p.HasMore));
        Assert.Equal(new[] { "POST", "GET", "GET" }, pages.Select(p => p.Request.Method));
        Assert.All(pages, p => Assert.False(string.IsNullOrEmpty(p.Request.CorrelationId)));
        List<AcrWebhookEvent> events = pages.SelectMany(p => p.Events).ToList();
        Assert.Equal(45, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(events.OrderByDescending(e => e.Timestamp).Select(e => e.Id), events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(hook.WebhookName, e.WebhookName));
        Assert.Equal(1, _fake.RequestsFor(hook, ArmRoute.ListEventsFirst));
        Assert.Equal(2, _fake.RequestsFor(hook, ArmRoute.ListEventsNext));
    }

    [Fact]
    public async Task ReadNextPage_OnePage_MakesOneRequest()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 12);
        using IAcrConnection connection = await _fake.ConnectAsync();

        List<EventPage> pages = await ReadAllAsync(connection.OpenEvents(hook, new EventQueryOptions()));

        Assert.Equal(12, Assert.Single(pages).Events.Count);
        Assert.Equal(1, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task ReadNextPage_NoEvents_GivesOneEmptyPage()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 0);
        using IAcrConnection connection = await _fake.ConnectAsync();

        List<EventPage> pages = await ReadAllAsync(connection.OpenEvents(hook, new EventQueryOptions()));

        Assert.Empty(Assert.Single(pages).Events);
        Assert.Equal(1, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task ReadNextPage_CallerStopsAfterFirstPage_NoFurtherRequest()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 100, pageSize: 10);
        using IAcrConnection connection = await _fake.ConnectAsync();
        IEventPageReader reader = connection.OpenEvents(hook, new EventQueryOptions());

        EventPage? first = await reader.ReadNextPageAsync(CancellationToken.None);

        Assert.True(first!.HasMore);
        Assert.Equal(1, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task OpenEvents_MakesNoRequestUntilAPageIsAskedFor()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 5);
        using IAcrConnection connection = await _fake.ConnectAsync();

        connection.OpenEvents(hook, new EventQueryOptions());

        Assert.Equal(0, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task ReadNextPage_AlreadyCancelled_SendsNothing()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 5);
        using IAcrConnection connection = await _fake.ConnectAsync();
        IEventPageReader reader = connection.OpenEvents(hook, new EventQueryOptions());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => reader.ReadNextPageAsync(new CancellationToken(canceled: true)));
        Assert.Equal(0, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task ReadNextPage_ByDefault_MasksTheFakesSecrets()
    {
        using IAcrConnection connection = await _fake.ConnectAsync();
        IEventPageReader reader = connection.OpenEvents(FakeArmFixture.Hook("deployhook"), new EventQueryOptions());

        EventPage page = (await reader.ReadNextPageAsync(CancellationToken.None))!;

        AcrWebhookEvent first = page.Events[0];
        Assert.Equal("******", first.EventRequestMessage!.Headers["X-Api-Key"]);
        Assert.DoesNotContain("SECRET", first.EventRequestMessage.RequestUri);
    }
}
