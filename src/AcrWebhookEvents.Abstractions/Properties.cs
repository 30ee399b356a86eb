using System.Runtime.CompilerServices;

// The engine fills the read-only user types through internal setters.
[assembly: InternalsVisibleTo("AcrWebhookEvents.Engine")]
[assembly: InternalsVisibleTo("AcrWebhookEvents.Engine.Tests")]

// The cmdlets read what only they need, such as an event's raw JSON for -Raw.
[assembly: InternalsVisibleTo("AcrWebhookEvents")]
