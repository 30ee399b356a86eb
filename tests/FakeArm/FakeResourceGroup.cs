using System.Collections.Concurrent;

namespace AcrWebhookEvents.FakeArm;

/// <summary>A resource group and its container registries.</summary>
public sealed class FakeResourceGroup(string name)
{
    private readonly ConcurrentDictionary<string, FakeRegistry> _registries = new(StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    /// <summary>Registries by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, FakeRegistry> Registries => _registries;

    internal FakeRegistry GetOrAddRegistry(string name) => _registries.GetOrAdd(name, n => new FakeRegistry(n));
}
