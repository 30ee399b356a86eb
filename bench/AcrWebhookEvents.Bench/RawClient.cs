using System.Net.Http.Headers;
using System.Text.Json;

namespace AcrWebhookEvents.Bench;

/// <summary>
/// The floor: a plain HttpClient loop that posts listEvents, follows each nextLink and counts the events of each
/// page. Same TLS, same bearer header, same buffered body as the engine; no mapping, masking or safety checks.
/// </summary>
internal sealed class RawClient : IDisposable
{
    private readonly HttpClient _http;

    internal RawClient(HttpMessageHandler trustingHandler, string token)
    {
        _http = new HttpClient(trustingHandler);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Reads one webhook, stopping after the page that reaches <paramref name="stopAfter"/> events.</summary>
    internal async Task<int> CountAsync(Uri listEvents, int stopAfter, CancellationToken cancellationToken)
    {
        Uri? next = listEvents;
        HttpMethod method = HttpMethod.Post;
        int count = 0;
        while (next is not null && count < stopAfter)
        {
            using var request = new HttpRequestMessage(method, next);
            using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using JsonDocument page = JsonDocument.Parse(body);
            count += page.RootElement.GetProperty("value").GetArrayLength();
            next = page.RootElement.TryGetProperty("nextLink", out JsonElement link)
                && link.ValueKind == JsonValueKind.String
                    ? new Uri(link.GetString()!)
                    : null;
            method = HttpMethod.Get;
        }

        return count;
    }

    public void Dispose() => _http.Dispose();
}
