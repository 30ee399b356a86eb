using System.Text;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

/// <summary>Odd but valid data: one surprising field must never cost the page, nor the event.</summary>
public class LenientParsingTests
{
    private static readonly WebhookAddress Hook = new(
        "00000000-0000-0000-0000-000000000000", "myResourceGroup", "myRegistry", "myWebhook");

    private static AcrWebhookEvent ParseOne(string eventJson) =>
        Assert.Single(
            EventPageParser.Parse(Encoding.UTF8.GetBytes("{\"value\":[" + eventJson + "]}"), Hook, false).Events);

    private static string WithContent(string content) =>
        "{\"id\":\"e1\",\"eventRequestMessage\":{\"content\":" + content + "},\"eventResponseMessage\":{\"statusCode\":\"200\"}}";

    [Theory]
    [InlineData("\"target\": \"x\"")]
    [InlineData("\"target\": 5")]
    [InlineData("\"target\": [1, 2]")]
    [InlineData("\"target\": true")]
    [InlineData("\"actor\": 5")]
    [InlineData("\"actor\": \"someone\"")]
    [InlineData("\"request\": [\"GET\"]")]
    [InlineData("\"source\": false")]
    public void Parse_NonObjectWhereAnObjectIsDocumented_ReadsAsNullAndKeepsTheRest(string odd)
    {
        AcrWebhookEvent e = ParseOne(WithContent("{\"action\":\"push\"," + odd + ",\"timestamp\":\"2024-05-01T10:00:00Z\"}"));

        Assert.Equal("e1", e.Id);
        Assert.Equal("push", e.Action);
        Assert.Equal(200, e.StatusCode);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), e.Timestamp);
    }

    [Theory]
    [InlineData("{\"id\":\"e1\",\"eventRequestMessage\":\"text\",\"eventResponseMessage\":{\"statusCode\":\"200\"}}")]
    [InlineData("{\"id\":\"e1\",\"eventRequestMessage\":{\"content\":7},\"eventResponseMessage\":{\"statusCode\":\"200\"}}")]
    [InlineData("{\"id\":\"e1\",\"eventRequestMessage\":{\"content\":{}},\"eventResponseMessage\":[200]}")]
    public void Parse_NonObjectMessages_ReadAsNull(string json)
    {
        AcrWebhookEvent e = ParseOne(json);

        Assert.Equal("e1", e.Id);
        Assert.Null(e.Action);
    }

    [Fact]
    public void Parse_ObjectsWhereStringsAndNumbersAreDocumented_ReadAsNull()
    {
        AcrWebhookEvent e = ParseOne(WithContent(
            "{\"action\":{\"name\":\"push\"},\"id\":[1],\"timestamp\":{\"at\":1},"
            + "\"target\":{\"repository\":{\"a\":1},\"tag\":\"v1\",\"size\":{\"n\":1},\"length\":\"12\"}}"));

        Assert.Null(e.Action);
        Assert.Null(e.Timestamp);
        Assert.Null(e.Repository);
        Assert.Equal("v1", e.Tag);
        Assert.Null(e.EventRequestMessage!.Content!.Target!.Size);
        Assert.Equal(12, e.EventRequestMessage.Content.Target.Length);
    }

    [Fact]
    public void Parse_StatusCodeAsANumberAndHeadersWithOddValues_AreRead()
    {
        AcrWebhookEvent e = ParseOne(
            "{\"id\":\"e1\",\"eventRequestMessage\":{\"headers\":{\"X-Count\":3,\"X-Obj\":{\"a\":1},\"X-Null\":null}},"
            + "\"eventResponseMessage\":{\"statusCode\":502,\"headers\":\"none\"}}");

        Assert.Equal(502, e.StatusCode);
        Assert.True(e.Failed);
        Assert.Equal(3, e.EventRequestMessage!.Headers.Count);
    }

    [Fact]
    public void Parse_UnknownFieldsEverywhere_AreIgnored()
    {
        AcrWebhookEvent e = ParseOne(
            "{\"id\":\"e1\",\"new\":{\"deep\":[{\"x\":1}]},\"eventRequestMessage\":{\"content\":{\"action\":\"ping\","
            + "\"extra\":[1,2],\"target\":{\"repository\":\"r\",\"more\":{}}},\"version\":1.1},"
            + "\"eventResponseMessage\":{\"statusCode\":\"204\",\"trailers\":{}}}");

        Assert.Equal("ping", e.Action);
        Assert.Equal("r", e.Repository);
        Assert.Equal("1.1", e.EventRequestMessage!.Version);
        Assert.Equal(204, e.StatusCode);
    }

    [Fact]
    public void Parse_NullEventsInTheArray_AreSkipped()
    {
        List<AcrWebhookEvent> events =
            EventPageParser.Parse("{\"value\":[null,{\"id\":\"a\"},null]}"u8, Hook, false).Events;

        Assert.Equal("a", Assert.Single(events).Id);
    }

    [Fact]
    public void Parse_PropertyNamesInAnyCaseOrEscaped_AreRead()
    {
        AcrWebhookEvent e = ParseOne(
            "{\"ID\":\"e1\",\"EventRequestMessage\":{\"Content\":{\"ACTION\":\"push\","
            + "\"Target\":{\"\\u0072epository\":\"r\",\"Tag\":\"v1\"},\"source\":{\"InstanceId\":\"i1\"}}},"
            + "\"eventresponsemessage\":{\"StatusCode\":\"201\"}}");

        Assert.Equal("e1", e.Id);
        Assert.Equal("push", e.Action);
        Assert.Equal("r:v1", e.Image);
        Assert.Equal("i1", e.EventRequestMessage!.Content!.Source!.InstanceId);
        Assert.Equal(201, e.StatusCode);
    }

    [Fact]
    public void Parse_RepeatedProperty_KeepsTheLastValue()
    {
        AcrWebhookEvent e = ParseOne(
            WithContent("{\"action\":\"push\",\"action\":\"delete\",\"target\":5,\"target\":{\"tag\":\"v2\"}}"));

        Assert.Equal("delete", e.Action);
        Assert.Equal("v2", e.Tag);
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00.123456789Z", 1_234_567L)]
    [InlineData("2024-05-01T12:00:00+02:00", 0L)]
    [InlineData("2024-05-01T10:00:00", 0L)]
    [InlineData("2024-05-01T10:00:00.5z", 5_000_000L)]
    public void Parse_TimestampInAnyIsoForm_IsUtc(string timestamp, long extraTicks)
    {
        AcrWebhookEvent e = ParseOne(WithContent("{\"timestamp\":\"" + timestamp + "\"}"));

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(extraTicks), e.Timestamp);
        Assert.Equal(TimeSpan.Zero, e.Timestamp!.Value.Offset);
    }

    [Theory]
    [InlineData("{\"value\":[]} {}")]
    [InlineData("{\"value\":[]}x")]
    [InlineData("{\"value\":[\"an event\"]}")]
    [InlineData("[]")]
    [InlineData("")]
    public void Parse_NotOnePageObject_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(
            () => EventPageParser.Parse(Encoding.UTF8.GetBytes(json), Hook, false));
    }
}
