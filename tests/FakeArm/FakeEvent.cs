namespace AcrWebhookEvents.FakeArm;

/// <summary>A stored webhook event with its serialised JSON.</summary>
public sealed record FakeEvent(string Id, DateTime Timestamp, string Action, byte[] Utf8Json);
