using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AcrWebhookEvents.FakeArm;

/// <summary>Shared JSON settings and the helper that writes JSON answers.</summary>
internal static class Json
{
    // Relaxed escaping keeps '+' and '&' readable in media types and URLs, as the real service writes them.
    public static readonly JsonWriterOptions WriterOptions =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions SerializerOptions =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToUtf8(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, SerializerOptions);

    public static Task WriteAsync(HttpContext context, int statusCode, JsonNode body) =>
        WriteAsync(context, statusCode, ToUtf8(body));

    public static async Task WriteAsync(HttpContext context, int statusCode, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
