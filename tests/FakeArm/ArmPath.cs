namespace AcrWebhookEvents.FakeArm;

/// <summary>An ARM request path taken apart: which operation, and the names it addresses.</summary>
internal sealed record ArmPath(
    ArmRoute Route,
    bool KnownPath,
    string? Subscription = null,
    string? ResourceGroup = null,
    string? Registry = null,
    string? Webhook = null)
{
    private const string Provider = "Microsoft.ContainerRegistry";

    private static readonly ArmPath Unknown = new(ArmRoute.Other, false);

    /// <summary>Parses <paramref name="path"/>; ARM treats every segment case-insensitively.</summary>
    public static ArmPath Parse(string path, string method, bool hasSkipToken)
    {
        string[] s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        bool Is(int index, string literal) =>
            s.Length > index && s[index].Equals(literal, StringComparison.OrdinalIgnoreCase);
        bool get = HttpMethodIs(method, "GET");
        bool post = HttpMethodIs(method, "POST");

        if (!Is(0, "subscriptions"))
        {
            return Unknown;
        }

        if (s.Length == 1)
        {
            return new(get ? ArmRoute.SubscriptionList : ArmRoute.Other, true);
        }

        if (s.Length == 5 && Is(2, "providers") && Is(3, Provider) && Is(4, "registries"))
        {
            return new(get ? ArmRoute.RegistryList : ArmRoute.Other, true, s[1]);
        }

        if (s.Length < 7 || !Is(2, "resourceGroups") || !Is(4, "providers") || !Is(5, Provider) || !Is(6, "registries"))
        {
            return Unknown;
        }

        if (s.Length == 7)
        {
            return new(get ? ArmRoute.RegistryList : ArmRoute.Other, true, s[1], s[3]);
        }

        if (s.Length < 9 || s.Length > 11 || !Is(8, "webhooks"))
        {
            return Unknown;
        }

        ArmRoute route = s.Length switch
        {
            9 => get ? ArmRoute.WebhookList : ArmRoute.Other,
            10 => get ? ArmRoute.WebhookGet : ArmRoute.Other,
            _ when Is(10, "listEvents") && post => ArmRoute.ListEventsFirst,
            _ when Is(10, "listEvents") && get && hasSkipToken => ArmRoute.ListEventsNext,
            _ when Is(10, "ping") && post => ArmRoute.Ping,
            _ => ArmRoute.Other,
        };
        bool known = s.Length < 11 || Is(10, "listEvents") || Is(10, "ping");
        return new(route, known, s[1], s[3], s[7], s.Length > 9 ? s[9] : null);
    }

    private static bool HttpMethodIs(string method, string expected) =>
        method.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
