namespace AcrWebhookEvents.FakeArm;

/// <summary>One request answered on the ARM port.</summary>
/// <param name="StartTicks">Stopwatch timestamp when the request arrived.</param>
/// <param name="EndTicks">Stopwatch timestamp when the answer was complete.</param>
/// <param name="UserAgent">The client's User-Agent header, which ARM shows in the subscription's request logs.</param>
public sealed record ArmRequestRecord(
    string Method,
    string Path,
    string Query,
    ArmRoute Route,
    string? Webhook,
    int StatusCode,
    long StartTicks,
    long EndTicks,
    string? UserAgent = null);
