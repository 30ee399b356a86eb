using System.Runtime.InteropServices;
using System.Security;
using AcrWebhookEvents.FakeArm;
using AcrWebhookEvents.Engine.Http;
using Azure.Core.Pipeline;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

/// <summary>
/// A fake ARM server on loopback and an engine whose transport trusts the fake's per-run CA (this process started
/// before the CA existed, so SSL_CERT_FILE cannot help it).
/// </summary>
public sealed class FakeArmFixture : IAsyncLifetime
{
    public FakeArmServer Server { get; private set; } = null!;

    public AcrEngine Engine { get; private set; } = null!;

    /// <summary>An engine whose retry waits are milliseconds, so fault tests stay fast.</summary>
    public AcrEngine FastEngine { get; private set; } = null!;

    /// <summary>The retry settings of <see cref="FastEngine"/>.</summary>
    internal static RetrySettings FastRetry { get; } = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(40),
        MaxServerWait = TimeSpan.FromSeconds(2),
    };

    public string Token { get; } = "test-token-" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        Server = await FakeArmServer.StartAsync(new FakeArmOptions { SeedSample = true });
        Server.State.AddAcceptedToken(Token);
        Engine = new AcrEngine(new HttpClientTransport(Server.CreateTrustingHandler()));
        FastEngine = new AcrEngine(new HttpClientTransport(Server.CreateTrustingHandler()), FastRetry);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public Task<IAcrConnection> ConnectAsync(string? token = null, string? subscriptionId = null, TimeSpan? timeout = null) =>
        Engine.ConnectAsync(
            new AcrConnectOptions
            {
                AuthMethod = AcrAuthMethod.AccessToken,
                AccessToken = Secure(token ?? Token),
                ResourceManagerUrl = Server.ArmUri,
                SubscriptionId = subscriptionId,
                NetworkTimeout = timeout,
            },
            CancellationToken.None);

    public static WebhookAddress Hook(string webhook, string registry = SampleData.Registry) =>
        new(SampleData.SubscriptionId, SampleData.ResourceGroup, registry, webhook);

    /// <summary>A webhook of its own for one test, so request counts are not shared with other tests.</summary>
    public WebhookAddress NewWebhook(int events, int pageSize = 20)
    {
        string name = "hook" + Guid.NewGuid().ToString("N")[..12];
        Server.State.AddWebhook(SampleData.SubscriptionId, SampleData.ResourceGroup, SampleData.Registry, name, events, pageSize);
        return Hook(name);
    }

    public int RequestsFor(WebhookAddress webhook, ArmRoute? route = null) =>
        Server.State.Requests.Count(r =>
            string.Equals(r.Webhook, webhook.WebhookName, StringComparison.OrdinalIgnoreCase)
            && (route is null || r.Route == route));

    internal static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
