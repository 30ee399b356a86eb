namespace AcrWebhookEvents.FakeArm;

/// <summary>One request seen on the managed-identity endpoint.</summary>
public sealed record IdentityCall(string? ClientId, string? Resource, int StatusCode);
