using System.Text;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

public class SecretMaskingTests
{
    private const string Json = """
        {"value":[{"eventRequestMessage":{"headers":{"Content-Type":"application/json","X-Api-Key":"s3cr3t-key",
          "Authorization":"******","x-functions-key":"fn-key"},
          "requestUri":"https://user:pa55@hooks.example.com/api/hook?code=abc%3D%3D&sig=xyz&plain#frag"},
          "eventResponseMessage":{"headers":{"Set-Cookie":"session=123","Content-Length":"0"},"statusCode":"200"}}]}
        """;

    private static readonly WebhookAddress Hook = new(
        "00000000-0000-0000-0000-000000000000", "rg", "myregistry", "myhook");

    private static AcrWebhookEvent Parse(bool showSecret) =>
        Assert.Single(EventPageParser.Parse(Encoding.UTF8.GetBytes(Json), Hook, showSecret).Events);

    [Fact]
    public void Map_ByDefault_MasksCustomHeaderValuesAndKeepsHarmlessOnes()
    {
        AcrWebhookEvent e = Parse(showSecret: false);

        Assert.Equal("******", e.EventRequestMessage!.Headers["X-Api-Key"]);
        Assert.Equal("******", e.EventRequestMessage.Headers["x-functions-key"]);
        Assert.Equal("application/json", e.EventRequestMessage.Headers["Content-Type"]);
        Assert.Equal("******", e.EventResponseMessage!.Headers["Set-Cookie"]);
        Assert.Equal("0", e.EventResponseMessage.Headers["Content-Length"]);
        Assert.DoesNotContain("s3cr3t", e.EventRequestMessage.Headers.ToString());
    }

    [Fact]
    public void Map_ByDefault_MasksQueryValuesAndUserInfoOfTheCallbackUri()
    {
        AcrWebhookEvent e = Parse(showSecret: false);

        Assert.Equal(
            "https://******@hooks.example.com/api/hook?code=******&sig=******&******#frag",
            e.EventRequestMessage!.RequestUri);
    }

    [Fact]
    public void Map_WithShowSecret_KeepsEverythingAsRecorded()
    {
        AcrWebhookEvent e = Parse(showSecret: true);

        Assert.Equal("s3cr3t-key", e.EventRequestMessage!.Headers["X-Api-Key"]);
        Assert.Equal(
            "https://user:pa55@hooks.example.com/api/hook?code=abc%3D%3D&sig=xyz&plain#frag",
            e.EventRequestMessage.RequestUri);
    }

    [Theory]
    [InlineData("http://myservice.com", "http://myservice.com")]
    [InlineData("https://h/p?code=1", "https://h/p?code=******")]
    [InlineData("https://h/p?", "https://h/p?")]
    [InlineData("https://h/p?a=1&&b#f=2", "https://h/p?a=******&&******#f=2")]
    [InlineData("?code=1", "?code=******")]
    [InlineData("/relative?x=1", "/relative?x=******")]
    [InlineData("https://", "https://")]
    [InlineData("https://h/a@b/p", "https://h/a@b/p")]
    [InlineData("", "")]
    public void MaskUri_Table(string uri, string expected)
    {
        Assert.Equal(expected, SecretMasker.MaskUri(uri));
    }
}
