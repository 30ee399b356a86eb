using System.Text;
using System.Text.Json;
using AcrWebhookEvents.Engine;
using AcrWebhookEvents.FakeArm;
using BenchmarkDotNet.Attributes;

namespace AcrWebhookEvents.Bench;

/// <summary>
/// The engine's per-page CPU cost against the floor's, on one page of 100 generated events (about 100 KB):
/// what the end-to-end S1 row pays per page on top of the network. Run with
/// <c>dotnet run -c Release --project bench/AcrWebhookEvents.Bench -- --micro --filter *Parse*</c>.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private static readonly WebhookAddress Hook = new(
        "0b5e7c1d-4e2f-4a6b-9c8d-7e6f5a4b3c2d", "bench-rg", "benchsingle", "pagedhook");

    private byte[] _page = [];

    [GlobalSetup]
    public void Setup()
    {
        var state = new FakeArmState();
        FakeWebhook webhook = state.AddWebhook(
            Hook.SubscriptionId, Hook.ResourceGroupName, Hook.RegistryName, Hook.WebhookName, 100, 100);
        IEnumerable<string> events = webhook.Events.Select(e => Encoding.UTF8.GetString(e.Utf8Json));
        _page = Encoding.UTF8.GetBytes("{\"value\":[" + string.Join(",", events) + "]}");
    }

    /// <summary>What the raw floor does with a page: parse it into a document and count the events.</summary>
    [Benchmark(Baseline = true)]
    public int JsonDocumentCount()
    {
        using JsonDocument document = JsonDocument.Parse(_page);
        return document.RootElement.GetProperty("value").GetArrayLength();
    }

    /// <summary>The engine's whole per-page work: the page read into the user objects, secrets masked.</summary>
    [Benchmark]
    public int ParseIntoEvents() => EventPageParser.Parse(_page, Hook, showSecret: false).Events.Count;
}
