using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AcrWebhookEvents.FakeArm;

/// <summary>Builds deterministic webhook events, serialised once to UTF-8 JSON.</summary>
public static class EventGenerator
{
    /// <summary>Timestamp of event 0 of a generated history; older events go back a minute each.</summary>
    public static readonly DateTime BaseTime = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private const string ManifestType = "application/vnd.docker.distribution.manifest.v2+json";
    private const string ChartType = "application/vnd.acr.helm.chart";
    private const string Host = "myregistry.azurecr.io";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"; // 7 digits, as the service writes

    private static readonly string[] Actions =
        ["push", "push", "delete", "push", "chart_push", "push", "quarantine", "chart_delete", "push", "ping"];

    private static readonly string[] Repositories = ["hello-world", "team/api", "team/web", "tools/builder"];

    /// <summary>The action of event number <paramref name="number"/> in the 10-step cycle.</summary>
    public static string ActionFor(long number) => Actions[number % Actions.Length];

    /// <summary>The timestamp of event <paramref name="number"/> of a generated history (0 is newest).</summary>
    public static DateTime HistoryTimestamp(string webhook, long number) =>
        BaseTime.AddMinutes(-number).AddTicks(SubSecondTicks(webhook, number));

    /// <summary>A timestamp strictly newer than <paramref name="newest"/>, for appended events.</summary>
    public static DateTime NextTimestamp(DateTime newest, string webhook, long number)
    {
        var minute = new DateTime(newest.Ticks - newest.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        return minute.AddMinutes(1).AddTicks(SubSecondTicks(webhook, number));
    }

    /// <summary>A GUID-shaped id that depends only on <paramref name="seed"/>.</summary>
    public static Guid DeriveGuid(string seed)
    {
        Span<byte> bytes = stackalloc byte[16];
        Hash(seed).AsSpan(0, 16).CopyTo(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 nibble, so it looks like any other GUID
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Creates event number <paramref name="number"/> of <paramref name="webhook"/>.</summary>
    public static FakeEvent Create(
        string webhook, long number, DateTime timestamp, string? action = null, string? id = null)
    {
        action ??= ActionFor(number);
        id ??= DeriveGuid($"event/{webhook}/{number}").ToString();

        var content = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(content, Json.WriterOptions))
        {
            WriteContent(writer, webhook, number, timestamp, action, id);
        }

        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteStartObject("eventRequestMessage");
            writer.WritePropertyName("content");
            writer.WriteRawValue(content.WrittenSpan, skipInputValidation: true);
            writer.WriteStartObject("headers");
            writer.WriteString("Content-Type", "application/vnd.docker.distribution.events.v1+json");
            writer.WriteString("Content-Length", content.WrittenCount.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("Authorization", "******"); // the service masks it
            writer.WriteString("X-Api-Key", $"key-{webhook}-secret");
            writer.WriteEndObject();
            writer.WriteString("method", "POST");
            writer.WriteString("requestUri", $"https://hooks.example.com/acr?code=SECRET-{webhook}&sig=abc123");
            writer.WriteString("version", "1.1");
            writer.WriteEndObject();
            WriteResponse(writer, number);
            writer.WriteEndObject();
        }

        return new FakeEvent(id, timestamp, action, buffer.WrittenSpan.ToArray());
    }

    private static void WriteContent(
        Utf8JsonWriter writer, string webhook, long number, DateTime timestamp, string action, string id)
    {
        string repository = Repositories[number % Repositories.Length];
        string digest = "sha256:" + Convert.ToHexStringLower(Hash($"digest/{webhook}/{number}"));
        bool chart = action is "chart_push" or "chart_delete";

        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("timestamp", timestamp.ToString(TimestampFormat, CultureInfo.InvariantCulture));
        writer.WriteString("action", action);
        if (action == "ping")
        {
            writer.WriteNull("target");
        }
        else
        {
            writer.WriteStartObject("target");
            writer.WriteString("mediaType", chart ? ChartType : ManifestType);
            writer.WriteNumber("size", 500 + number);
            writer.WriteString("digest", digest);
            writer.WriteNumber("length", 500 + number);
            writer.WriteString("repository", repository);
            if (chart)
            {
                writer.WriteString("name", repository);
                writer.WriteString("version", $"0.{number % 5}.0");
            }
            else
            {
                writer.WriteString("url", $"https://{Host}/v2/{repository}/manifests/{digest}");
                if (action != "delete")
                {
                    writer.WriteString("tag", action == "push" && number % 5 == 0 ? "latest" : $"v1.{number % 7}");
                }
            }

            writer.WriteEndObject();
        }

        if (!chart && action != "ping")
        {
            writer.WriteStartObject("request");
            writer.WriteString("id", DeriveGuid($"request/{webhook}/{number}").ToString());
            writer.WriteString("addr", $"10.0.0.{number % 250}:4{number % 1000:000}");
            writer.WriteString("host", Host);
            writer.WriteString("method", "GET");
            writer.WriteString("useragent", "docker/27.0");
            writer.WriteEndObject();
        }

        writer.WriteStartObject("actor");
        if (number % 4 != 3)
        {
            writer.WriteString("name", "ci-bot");
        }

        writer.WriteEndObject();
        writer.WriteStartObject("source");
        writer.WriteString("addr", Host);
        writer.WriteString("instanceID", DeriveGuid($"source/{webhook}").ToString());
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteResponse(Utf8JsonWriter writer, long number)
    {
        writer.WriteStartObject("eventResponseMessage");
        switch (number % 6)
        {
            case 5:
                break; // the endpoint never answered: no status at all
            case 2:
                WriteStatus(writer, "500", "Internal Server Error", "upstream exploded");
                break;
            case 4:
                WriteStatus(writer, "404", "Not Found", null);
                break;
            default:
                WriteStatus(writer, "200", "OK", null);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteStatus(Utf8JsonWriter writer, string status, string reason, string? content)
    {
        if (content is not null)
        {
            writer.WriteString("content", content);
        }

        writer.WriteStartObject("headers");
        writer.WriteString("Content-Length", (content?.Length ?? 0).ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteString("reasonPhrase", reason);
        writer.WriteString("statusCode", status);
        writer.WriteString("version", "1.1");
    }

    private static long SubSecondTicks(string webhook, long number) =>
        BitConverter.ToUInt32(Hash($"time/{webhook}/{number}"), 0) % TimeSpan.TicksPerSecond;

    private static byte[] Hash(string seed) => SHA256.HashData(Encoding.UTF8.GetBytes(seed));
}
