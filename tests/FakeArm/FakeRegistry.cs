using System.Collections.Concurrent;

namespace AcrWebhookEvents.FakeArm;

/// <summary>A container registry and its webhooks.</summary>
public sealed class FakeRegistry(string name)
{
    private readonly ConcurrentDictionary<string, FakeWebhook> _webhooks = new(StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    public string Location { get; set; } = "westus";

    /// <summary>Webhooks by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, FakeWebhook> Webhooks => _webhooks;

    internal void SetWebhook(FakeWebhook webhook) => _webhooks[webhook.Name] = webhook;
}
