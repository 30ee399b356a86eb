namespace AcrWebhookEvents.FakeArm;

/// <summary>Names of the sample data set used by the demo, the Pester tests and <c>--sample</c>.</summary>
public static class SampleData
{
    public const string SubscriptionId = "11111111-2222-3333-4444-555555555555";
    public const string SubscriptionName = "Demo subscription";
    public const string ResourceGroup = "demo-rg";
    public const string Registry = "demoregistry";
    public const string OtherResourceGroup = "other-rg";
    public const string OtherRegistry = "otherregistry";

    internal static void Seed(FakeArmState state)
    {
        state.AddSubscription(SubscriptionId, SubscriptionName);
        state.AddWebhook(SubscriptionId, ResourceGroup, Registry, "buildhook", 45);
        state.AddWebhook(SubscriptionId, ResourceGroup, Registry, "deployhook", 12);
        state.AddWebhook(SubscriptionId, ResourceGroup, Registry, "audithook", 0);
        state.AddWebhook(SubscriptionId, OtherResourceGroup, OtherRegistry, "mirrorhook", 30);
    }
}
