using AcrWebhookEvents.FakeArm;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

/// <summary>Pages that lie: bad JSON, wrong shapes, nextLinks elsewhere or in circles, tokens that die mid-way.</summary>
public class HostileServerTests : IClassFixture<FakeArmFixture>
{
    private readonly FakeArmFixture _fake;

    public HostileServerTests(FakeArmFixture fake)
    {
        _fake = fake;
    }

    private void AddFault(WebhookAddress hook, FaultSpec fault, int count = 1, int after = 0) =>
        _fake.Server.State.GetWebhook(hook.SubscriptionId, hook.ResourceGroupName, hook.RegistryName, hook.WebhookName)
            .Faults.AddFault(fault, count, after);

    private static async Task<(List<EventPage> Pages, AcrException? Error)> ReadUntilErrorAsync(IEventPageReader reader)
    {
        var pages = new List<EventPage>();
        try
        {
            EventPage? page;
            while ((page = await reader.ReadNextPageAsync(CancellationToken.None)) != null)
            {
                pages.Add(page);
            }
        }
        catch (AcrException ex)
        {
            return (pages, ex);
        }

        return (pages, null);
    }

    private async Task<(List<EventPage> Pages, AcrException? Error)> ReadWithPage2Async(string body)
    {
        WebhookAddress hook = _fake.NewWebhook(events: 45);
        AddFault(hook, new FaultSpec(FaultKind.Body, Body: body), after: 1);
        using IAcrConnection connection = await _fake.ConnectAsync(subscriptionId: SampleData.SubscriptionId);
        return await ReadUntilErrorAsync(connection.OpenEvents(hook, new EventQueryOptions()));
    }

    [Theory]
    [InlineData("{\"value\": [ {\"id\": \"a\"}, ")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("{\"value\": {\"id\": \"not-an-array\"}}")]
    [InlineData("{\"value\": [\"an event that is a string\"]}")]
    [InlineData("{\"value\": [42]}")]
    [InlineData("[1, 2, 3]")]
    public async Task ReadNextPage_Page2NotTheDocumentedShape_IsInvalidDataNamingWebhookAndPageAfterPage1(string body)
    {
        (List<EventPage> pages, AcrException? error) = await ReadWithPage2Async(body);

        Assert.Equal(20, Assert.Single(pages).Events.Count);
        Assert.NotNull(error);
        Assert.Equal(AcrErrorKind.InvalidData, error!.Kind);
        Assert.Contains("Page 2 of webhook demoregistry/", error.Message);
        Assert.Contains("earlier pages were already written", error.Message);
        Assert.NotNull(error.Webhook);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"value\": null}")]
    [InlineData("{\"value\": [], \"nextLink\": null}")]
    [InlineData("null")]
    public async Task ReadNextPage_MissingOrNullValue_IsAnEmptyLastPage(string body)
    {
        (List<EventPage> pages, AcrException? error) = await ReadWithPage2Async(body);

        Assert.Null(error);
        Assert.Equal(new[] { 20, 0 }, pages.Select(p => p.Events.Count));
        Assert.False(pages[1].HasMore);
    }

    [Fact]
    public async Task ReadNextPage_EmptyPageWithANextLink_GoesOnToTheNextPage()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 45);
        string next = $"{_fake.Server.ArmUri}{hook.ResourceId.TrimStart('/')}/listEvents?api-version={AcrNames.DefaultApiVersion}&$skipToken=40";
        AddFault(hook, new FaultSpec(FaultKind.Body, Body: "{\"value\": [], \"nextLink\": \"" + next + "\"}"), after: 1);
        using IAcrConnection connection = await _fake.ConnectAsync(subscriptionId: SampleData.SubscriptionId);

        (List<EventPage> pages, AcrException? error) = await ReadUntilErrorAsync(connection.OpenEvents(hook, new EventQueryOptions()));

        Assert.Null(error);
        Assert.Equal(new[] { 20, 0, 5 }, pages.Select(p => p.Events.Count));
    }

    public static TheoryData<string> ElsewhereLinks => new()
    {
        "decoy",         // https, trusted certificate, another port: a request would succeed and carry the token
        "control-http",  // plain http to the fake's control port
        "arm-http",      // plain http to the ARM port
        "other-host",    // https, the ARM port, but "localhost" instead of the endpoint's host
        "relative",      // not an absolute URL
    };

    [Theory]
    [MemberData(nameof(ElsewhereLinks))]
    public async Task ReadNextPage_NextLinkAwayFromTheArmEndpoint_IsRefusedAndNothingIsSentThere(string where)
    {
        Uri arm = _fake.Server.ArmUri;
        string path = "subscriptions/" + SampleData.SubscriptionId + "/listEvents?api-version=2023-01-01-preview&code=SECRET";
        string link = where switch
        {
            "decoy" => _fake.Server.DecoyUri + path,
            "control-http" => _fake.Server.ControlUri + path,
            "arm-http" => $"http://{arm.Host}:{arm.Port}/{path}",
            "other-host" => $"https://localhost:{arm.Port}/{path}",
            _ => "/" + path,
        };
        WebhookAddress hook = _fake.NewWebhook(events: 5);
        AddFault(hook, new FaultSpec(FaultKind.Body, Body: "{\"value\": [], \"nextLink\": \"" + link + "\"}"));
        _fake.Server.State.ResetLog();
        using IAcrConnection connection = await _fake.ConnectAsync(subscriptionId: SampleData.SubscriptionId);

        (List<EventPage> pages, AcrException? error) = await ReadUntilErrorAsync(connection.OpenEvents(hook, new EventQueryOptions()));

        Assert.Single(pages);
        Assert.NotNull(error);
        Assert.Equal(AcrErrorKind.UnsafeNextLink, error!.Kind);
        Assert.DoesNotContain("SECRET", error.Message);
        Assert.Equal(0, _fake.Server.State.DecoyRequests);
        Assert.Equal(0, _fake.Server.State.StrayRequests);
        Assert.Equal(0, _fake.Server.State.LeakedTokens);
        Assert.Equal(1, _fake.Server.State.RequestCount());
    }

    [Fact]
    public async Task ReadNextPage_NextLinkRepeatsOneAlreadyFollowed_StopsWithAnErrorInsteadOfLooping()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 45);
        AddFault(hook, new FaultSpec(FaultKind.Body, Body: "{\"value\": [], \"nextLink\": \"{self}\"}"), count: 100, after: 1);
        using IAcrConnection connection = await _fake.ConnectAsync(subscriptionId: SampleData.SubscriptionId);

        (List<EventPage> pages, AcrException? error) = await ReadUntilErrorAsync(connection.OpenEvents(hook, new EventQueryOptions()));

        Assert.Equal(2, pages.Count);
        Assert.Equal(AcrErrorKind.UnsafeNextLink, error!.Kind);
        Assert.Contains("repeats a nextLink", error.Message);
        Assert.Equal(2, _fake.RequestsFor(hook));
    }

    [Fact]
    public async Task ReadNextPage_TokenRevokedInTheMiddleOfPaging_GetsAFreshTokenAndRetriesThePageOnce()
    {
        // A managed identity on the fake's plain-HTTP identity endpoint; a fresh audience, so no cached token.
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", _fake.Server.IdentityEndpoint.ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", _fake.Server.IdentityHeader);
        string audience = $"{_fake.Server.ArmUri}revoke-{Guid.NewGuid():N}/.default";
        using IAcrConnection connection = await _fake.Engine.ConnectAsync(
            new AcrConnectOptions
            {
                AuthMethod = AcrAuthMethod.ManagedIdentity,
                ResourceManagerUrl = _fake.Server.ArmUri,
                Audience = audience,
                SubscriptionId = SampleData.SubscriptionId,
            },
            CancellationToken.None);
        WebhookAddress hook = _fake.NewWebhook(events: 45);
        AddFault(hook, new FaultSpec(FaultKind.Revoke), after: 1);
        int tokensBefore = _fake.Server.State.TokensIssued.Count;
        var diagnostics = new RecordingDiagnostics();

        (List<EventPage> pages, AcrException? error) = await ReadUntilErrorAsync(
            connection.OpenEvents(hook, new EventQueryOptions { Diagnostics = diagnostics }));

        Assert.Null(error);
        Assert.Equal(45, pages.SelectMany(p => p.Events).Select(e => e.Id).Distinct().Count());
        Assert.Equal(tokensBefore + 1, _fake.Server.State.TokensIssued.Count);
        Assert.Equal(4, _fake.RequestsFor(hook));
        Assert.Contains(diagnostics.VerboseMessages, m => m.Contains("asking the credential for a new one"));
    }

    [Fact]
    public async Task ReadNextPage_StaticTokenRevokedInTheMiddleOfPaging_SaysItExpiredWithoutRetrying()
    {
        string token = "static-" + Guid.NewGuid().ToString("N");
        _fake.Server.State.AddAcceptedToken(token);
        using IAcrConnection connection = await _fake.ConnectAsync(token: token, subscriptionId: SampleData.SubscriptionId);
        WebhookAddress hook = _fake.NewWebhook(events: 45);
        AddFault(hook, new FaultSpec(FaultKind.Revoke), after: 1);

        (List<EventPage> pages, AcrException? error) = await ReadUntilErrorAsync(connection.OpenEvents(hook, new EventQueryOptions()));

        Assert.Single(pages);
        AcrRequestException refused = Assert.IsType<AcrRequestException>(error);
        Assert.Equal(AcrErrorKind.Authentication, refused.Kind);
        Assert.Equal("ExpiredAuthenticationToken", refused.ErrorCode);
        Assert.Contains("cannot be refreshed", refused.Message);
        Assert.DoesNotContain(token, refused.ToString());
        Assert.Equal(2, _fake.RequestsFor(hook));
    }

    [Theory]
    [InlineData(400, AcrErrorKind.InvalidArgument, "BadRequest")]
    [InlineData(401, AcrErrorKind.Authentication, "InvalidAuthenticationToken")]
    [InlineData(403, AcrErrorKind.PermissionDenied, "AuthorizationFailed")]
    [InlineData(404, AcrErrorKind.NotFound, "ResourceNotFound")]
    [InlineData(409, AcrErrorKind.InvalidArgument, "Conflict")]
    public async Task ReadNextPage_ArmError_KeepsCodeMessageAndCorrelationId(int status, AcrErrorKind kind, string code)
    {
        WebhookAddress hook = _fake.NewWebhook(events: 5);
        AddFault(hook, new FaultSpec(FaultKind.Status, status));
        using IAcrConnection connection = await _fake.ConnectAsync(subscriptionId: SampleData.SubscriptionId);

        AcrRequestException ex = await Assert.ThrowsAsync<AcrRequestException>(
            () => connection.OpenEvents(hook, new EventQueryOptions()).ReadNextPageAsync(CancellationToken.None));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.Status);
        Assert.Equal(code, ex.ErrorCode);
        Assert.StartsWith("Injected fault", ex.ServiceMessage);
        Assert.False(string.IsNullOrEmpty(ex.CorrelationId));
        Assert.Contains(ex.CorrelationId!, ex.Message);
        Assert.Equal(hook, ex.Webhook);
        if (status == 403)
        {
            Assert.Contains("Reader role lacks", ex.Message);
        }
    }

    [Fact]
    public async Task ReadNextPage_WithDiagnostics_LogsEachTrySanitizedForDebug()
    {
        WebhookAddress hook = _fake.NewWebhook(events: 25);
        AddFault(hook, new FaultSpec(FaultKind.Status, 503, RetryAfterMs: "1"), after: 1);
        using IAcrConnection connection = await _fake.FastEngine.ConnectAsync(
            new AcrConnectOptions
            {
                AuthMethod = AcrAuthMethod.AccessToken,
                AccessToken = FakeArmFixture.Secure(_fake.Token),
                ResourceManagerUrl = _fake.Server.ArmUri,
                SubscriptionId = SampleData.SubscriptionId,
            },
            CancellationToken.None);
        var diagnostics = new RecordingDiagnostics();

        await ReadUntilErrorAsync(connection.OpenEvents(hook, new EventQueryOptions { Diagnostics = diagnostics }));

        string[] requests = diagnostics.DebugMessages.Where(m => m.StartsWith("HTTP request: ")).ToArray();
        Assert.Equal(3, requests.Length);
        Assert.StartsWith($"HTTP request: POST {_fake.Server.ArmUri}subscriptions/", requests[0]);
        Assert.Contains("listEvents?api-version=2023-01-01-preview (try 1)", requests[0]);
        Assert.Contains("(try 2)", requests[2]);
        Assert.All(requests, r => Assert.Contains("Authorization: REDACTED", r));
        Assert.Contains(diagnostics.DebugMessages, m => m.StartsWith("HTTP response: 503"));
        Assert.Contains(diagnostics.DebugMessages, m => m.Contains("x-ms-correlation-request-id: "));
        Assert.DoesNotContain(_fake.Token, diagnostics.All);
    }

    [Fact]
    public void LogSanitizer_Url_RedactsQueryValuesAndUserInfoButKeepsTheApiVersion()
    {
        string text = Http.LogSanitizer.Url(new Uri("https://user:pw@host.example:8443/a/b?api-version=2023-01-01&code=SECRET&sig=x"));

        Assert.Equal("https://host.example:8443/a/b?api-version=2023-01-01&code=REDACTED&sig=REDACTED", text);
    }
}
