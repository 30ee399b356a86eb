using AcrWebhookEvents.FakeArm;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

public class ErrorTests : IClassFixture<FakeArmFixture>
{
    private readonly FakeArmFixture _fake;

    public ErrorTests(FakeArmFixture fake)
    {
        _fake = fake;
    }

    [Fact]
    public async Task ReadNextPage_UnknownWebhook_IsNotFoundWithArmCodeAndCorrelationId()
    {
        using IAcrConnection connection = await _fake.ConnectAsync();
        WebhookAddress missing = FakeArmFixture.Hook("nosuchhook");

        AcrRequestException ex = await Assert.ThrowsAsync<AcrRequestException>(
            () => connection.OpenEvents(missing, new EventQueryOptions()).ReadNextPageAsync(CancellationToken.None));

        Assert.Equal(AcrErrorKind.NotFound, ex.Kind);
        Assert.Equal(404, ex.Status);
        Assert.Equal("ResourceNotFound", ex.ErrorCode);
        Assert.Contains("nosuchhook", ex.ServiceMessage);
        Assert.False(string.IsNullOrEmpty(ex.CorrelationId));
        Assert.Equal(missing, ex.Webhook);
        Assert.Contains(ex.CorrelationId!, ex.Message);
    }

    [Fact]
    public async Task ReadNextPage_RefusedStaticToken_SaysItExpiredAndHowToGetANewOne()
    {
        using IAcrConnection connection = await _fake.ConnectAsync(token: "not-accepted", subscriptionId: SampleData.SubscriptionId);

        AcrRequestException ex = await Assert.ThrowsAsync<AcrRequestException>(
            () => connection.OpenEvents(FakeArmFixture.Hook("buildhook"), new EventQueryOptions())
                .ReadNextPageAsync(CancellationToken.None));

        Assert.Equal(AcrErrorKind.Authentication, ex.Kind);
        Assert.Equal("InvalidAuthenticationToken", ex.ErrorCode);
        Assert.Contains("expired", ex.Message);
        Assert.Contains("Get-AzAccessToken", ex.Message);
        Assert.DoesNotContain("not-accepted", ex.ToString());
    }

    [Fact]
    public async Task ConnectAsync_NoSubscriptionGiven_PicksTheOnlyOneTheIdentitySees()
    {
        using IAcrConnection connection = await _fake.ConnectAsync();

        Assert.Equal(SampleData.SubscriptionId, connection.Context.SubscriptionId);
        Assert.Equal(SampleData.SubscriptionName, connection.Context.SubscriptionName);
        Assert.Equal(AcrAuthMethod.AccessToken, connection.Context.AuthMethod);
        Assert.Equal(_fake.Server.ArmUri, connection.Context.ResourceManagerUrl);
        Assert.Equal(_fake.Server.ArmUri.GetLeftPart(UriPartial.Authority) + "/.default", connection.Context.Audience);
    }

    [Fact]
    public async Task OpenEvents_InvalidApiVersion_IsRefusedBeforeAnyRequest()
    {
        using IAcrConnection connection = await _fake.ConnectAsync(subscriptionId: SampleData.SubscriptionId);
        int before = _fake.Server.State.RequestCount();

        Assert.Throws<ArgumentException>(
            () => connection.OpenEvents(FakeArmFixture.Hook("buildhook"), new EventQueryOptions { ApiVersion = "latest" }));
        Assert.Equal(before, _fake.Server.State.RequestCount());
    }
}
