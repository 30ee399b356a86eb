using System.Text;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

public class EventParsingTests
{
    private static readonly WebhookAddress Hook = new(
        "00000000-0000-0000-0000-000000000000", "myResourceGroup", "myRegistry", "myWebhook");

    private static List<AcrWebhookEvent> Parse(string json, bool showSecret = false) =>
        EventPageParser.Parse(Encoding.UTF8.GetBytes(json), Hook, showSecret).Events;

    [Fact]
    public void Parse_SpecExample_YieldsExactlyItsValues()
    {
        AcrWebhookEvent e = Assert.Single(Parse(SpecExample.Json));

        Assert.Equal("00000000-0000-0000-0000-000000000000", e.Id);
        Assert.Equal(new DateTimeOffset(2017, 3, 1, 23, 14, 37, TimeSpan.Zero).AddTicks(707808), e.Timestamp);
        Assert.Equal(TimeSpan.Zero, e.Timestamp!.Value.Offset);
        Assert.Equal("push", e.Action);
        Assert.Equal("hello-world", e.Repository);
        Assert.Equal("latest", e.Tag);
        Assert.Equal("sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf", e.Digest);
        Assert.Equal(200, e.StatusCode);
        Assert.False(e.Failed);
        Assert.Equal("hello-world:latest", e.Image);
        Assert.Equal("myRegistry", e.RegistryName);
        Assert.Equal("myWebhook", e.WebhookName);
        Assert.Equal("myResourceGroup", e.ResourceGroupName);

        EventRequestMessage request = e.EventRequestMessage!;
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://myservice.com", request.RequestUri);
        Assert.Equal("1.1", request.Version);
        Assert.Equal("application/json", request.Headers["content-type"]);
        Assert.Equal("719", request.Headers["Content-Length"]);
        Assert.Equal("******", request.Headers["Authorization"]);

        EventContent content = request.Content!;
        Assert.Equal("00000000-0000-0000-0000-000000000000", content.Id);
        Assert.Equal(e.Timestamp, content.Timestamp);
        Assert.Equal("push", content.Action);
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", content.Target!.MediaType);
        Assert.Equal(708, content.Target.Size);
        Assert.Equal(708, content.Target.Length);
        Assert.Equal(
            "http://192.168.100.227:5000/v2/hello-world/manifests/sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf",
            content.Target.Url);
        Assert.Null(content.Target.Name);
        Assert.Null(content.Target.Version);
        Assert.Equal("00000000-0000-0000-0000-000000000000", content.Request!.Id);
        Assert.Equal("192.168.64.11:42961", content.Request.Addr);
        Assert.Equal("192.168.100.227:5000", content.Request.Host);
        Assert.Equal("GET", content.Request.Method);
        Assert.Equal("curl/7.38.0", content.Request.UserAgent);
        Assert.NotNull(content.Actor);
        Assert.Null(content.Actor!.Name);
        Assert.Equal("xtal.local:5000", content.Source!.Addr);
        Assert.Equal("00000000-0000-0000-0000-000000000000", content.Source.InstanceId);

        EventResponseMessage response = e.EventResponseMessage!;
        Assert.Equal("200", response.StatusCode);
        Assert.Equal("1.1", response.Version);
        Assert.Null(response.ReasonPhrase);
        Assert.Null(response.Content);
        Assert.Equal("0", response.Headers["Content-Length"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"value\":null}")]
    [InlineData("{\"value\":[]}")]
    [InlineData("{\"value\":[],\"nextLink\":null,\"somethingNew\":{\"a\":[1,2]}}")]
    public void Parse_MissingOrEmptyValue_IsAnEmptyPage(string json)
    {
        Assert.Empty(Parse(json));
    }

    [Fact]
    public void Parse_NumbersWhereStringsAreDocumented_KeepsTheirText()
    {
        const string Json = """
            {"value":[{"id":12345,"eventRequestMessage":{"content":{"action":"push","timestamp":"2024-05-06T07:08:09Z",
              "target":{"repository":"r","tag":17,"size":"708","length":"not a number"}},
              "headers":{"Content-Length":719}},
              "eventResponseMessage":{"statusCode":404,"reasonPhrase":"Not Found"}}]}
            """;

        AcrWebhookEvent e = Assert.Single(Parse(Json));

        Assert.Equal("12345", e.Id);
        Assert.Equal("17", e.Tag);
        Assert.Equal(708, e.EventRequestMessage!.Content!.Target!.Size);
        Assert.Null(e.EventRequestMessage.Content.Target.Length);
        Assert.Equal("719", e.EventRequestMessage.Headers["Content-Length"]);
        Assert.Equal(404, e.StatusCode);
        Assert.Equal("404", e.EventResponseMessage!.StatusCode);
        Assert.True(e.Failed);
    }

    [Fact]
    public void Parse_NullsAndMissingObjects_GiveNullsNotACrash()
    {
        const string Json = """
            {"value":[null,{"id":null,"eventRequestMessage":null,"eventResponseMessage":null},
              {"eventRequestMessage":{"content":{"target":null,"request":null,"actor":null,"source":null},"headers":null}}]}
            """;

        List<AcrWebhookEvent> events = Parse(Json);

        Assert.Equal(2, events.Count);
        Assert.Null(events[0].EventRequestMessage);
        Assert.Null(events[0].StatusCode);
        Assert.True(events[0].Failed);
        Assert.Null(events[1].Repository);
        Assert.Empty(events[1].EventRequestMessage!.Headers);
        Assert.Null(events[1].Timestamp);
    }

    [Theory]
    [InlineData("2017-03-01T23:14:37Z", 0L)]
    [InlineData("2017-03-01T23:14:37.1Z", 1_000_000L)]
    [InlineData("2017-03-01T23:14:37.0707808Z", 707_808L)]
    [InlineData("2017-03-01T23:14:37.070780812Z", 707_808L)]
    [InlineData("2017-03-02T01:14:37.5+02:00", 5_000_000L)]
    [InlineData("2017-03-01T23:14:37", 0L)]
    public void ParseTimestamp_AnyFractionOrOffset_IsUtc(string text, long extraTicks)
    {
        DateTimeOffset? parsed = EventValues.ParseTimestamp(text);

        Assert.Equal(new DateTimeOffset(2017, 3, 1, 23, 14, 37, TimeSpan.Zero).AddTicks(extraTicks), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData("not a time")]
    [InlineData("")]
    [InlineData(null)]
    public void ParseTimestamp_Unreadable_IsNull(string? text)
    {
        Assert.Null(EventValues.ParseTimestamp(text));
    }

    [Theory]
    [InlineData("{\"value\":{}}")]
    [InlineData("{\"value\":[1,2]}")]
    [InlineData("<html>gateway</html>")]
    [InlineData("{\"value\":[")]
    public void Parse_WrongShape_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Parse(json));
    }

    [Fact]
    public void Parse_ChartEvent_UsesNameAndVersionAsImage()
    {
        const string Json = """
            {"value":[{"eventRequestMessage":{"content":{"action":"chart_push",
              "target":{"mediaType":"application/vnd.acr.helm.chart","name":"mychart","version":"1.2.3","size":10}}}}]}
            """;

        AcrWebhookEvent e = Assert.Single(Parse(Json));

        Assert.Equal("mychart", e.Repository);
        Assert.Equal("1.2.3", e.Tag);
        Assert.Equal("mychart:1.2.3", e.Image);
    }
}
