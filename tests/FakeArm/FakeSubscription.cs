using System.Collections.Concurrent;

namespace AcrWebhookEvents.FakeArm;

/// <summary>A subscription and its resource groups.</summary>
public sealed class FakeSubscription(string id, string displayName)
{
    private readonly ConcurrentDictionary<string, FakeResourceGroup> _groups = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The subscription GUID as registered.</summary>
    public string Id { get; } = id;

    public string DisplayName { get; set; } = displayName;

    /// <summary>Resource groups by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, FakeResourceGroup> ResourceGroups => _groups;

    internal FakeResourceGroup GetOrAddGroup(string name) => _groups.GetOrAdd(name, n => new FakeResourceGroup(n));
}
