namespace AcrWebhookEvents.FakeArm;

/// <summary>The kind of ARM operation a request was routed to.</summary>
public enum ArmRoute
{
    Other,
    SubscriptionList,
    RegistryList,
    WebhookList,
    WebhookGet,
    ListEventsFirst,
    ListEventsNext,
    Ping,
}
