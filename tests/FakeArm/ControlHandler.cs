using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AcrWebhookEvents.FakeArm;

/// <summary>Answers the plain-HTTP port: the managed-identity endpoint and the test control API.</summary>
internal sealed class ControlHandler(FakeArmState state, string identityHeader)
{
    public async Task HandleAsync(HttpContext context)
    {
        string[] s = (context.Request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        string method = context.Request.Method;
        try
        {
            await (s switch
            {
                ["msi", "token"] when HttpMethods.IsGet(method) => IssueTokenAsync(context),
                ["_fake", "requests"] when HttpMethods.IsGet(method) => Json.WriteAsync(context, 200, RequestSummary()),
                ["_fake", "reset-log"] when HttpMethods.IsPost(method) => Done(context, state.ResetLog),
                ["_fake", "reset"] when HttpMethods.IsPost(method) => Done(context, state.Clear),
                ["_fake", "seed-sample"] when HttpMethods.IsPost(method) => Done(context, state.SeedSample),
                ["_fake", "tokens"] when HttpMethods.IsPost(method) => AddTokenAsync(context),
                ["_fake", "subscriptions"] when HttpMethods.IsPost(method) => AddSubscriptionAsync(context),
                ["_fake", "webhooks", _, _, _, _] when HttpMethods.IsPut(method) => PutWebhookAsync(context, s[2..]),
                ["_fake", "webhooks", _, _, _, _, "fault"] when HttpMethods.IsPost(method) =>
                    AddFaultAsync(context, s[2..6]),
                ["_fake", "webhooks", _, _, _, _, var verb] when HttpMethods.IsPost(method) =>
                    WebhookActionAsync(context, s[2..6], verb),
                ["_fake", ..] or ["msi", ..] => Json.WriteAsync(context, 404, Problem("not_found", "No such control endpoint.")),
                _ => StrayAsync(context),
            });
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException
                                      or ArgumentException or KeyNotFoundException)
        {
            await Json.WriteAsync(context, 400, Problem("bad_request", e.Message));
        }
    }

    /// <summary>Anything else on this port is a request that should have gone to ARM over HTTPS, or nowhere.</summary>
    private Task StrayAsync(HttpContext context)
    {
        state.RecordMisdirected(decoy: false, withToken: context.Request.Headers.ContainsKey("Authorization"));
        return Json.WriteAsync(context, 404, Problem("not_found", "No such control endpoint."));
    }

    /// <summary>Queues one fault for a webhook: {kind, count, after, status, retryAfter, retryAfterMs, body}.</summary>
    private async Task AddFaultAsync(HttpContext context, string[] names)
    {
        var body = await ReadBodyAsync(context);
        var webhook = state.FindWebhook(names[0], names[1], names[2], names[3]);
        if (webhook is null)
        {
            await Json.WriteAsync(context, 404, Problem("not_found", "No such webhook."));
            return;
        }

        var kind = Enum.Parse<FaultKind>(body["kind"]?.GetValue<string>() ?? nameof(FaultKind.Status), ignoreCase: true);
        var fault = new FaultSpec(
            kind,
            body["status"]?.GetValue<int>() ?? 500,
            body["retryAfter"]?.ToString(),
            body["retryAfterMs"]?.ToString(),
            body["body"]?.GetValue<string>());
        webhook.Faults.AddFault(fault, body["count"]?.GetValue<int>() ?? 1, body["after"]?.GetValue<int>() ?? 0);
        await Json.WriteAsync(context, 200, Describe(webhook));
    }

    private async Task IssueTokenAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string? clientId = query["client_id"];
        string? resource = query["resource"];
        int status = context.Request.Headers["X-IDENTITY-HEADER"] != identityHeader ? 401
            : string.IsNullOrEmpty(resource) ? 400
            : 200;
        state.RecordIdentityCall(new IdentityCall(clientId, resource, status));
        if (status != 200)
        {
            await Json.WriteAsync(context, status, new JsonObject { ["error"] = "invalid_request" });
            return;
        }

        long expiresOn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        await Json.WriteAsync(context, 200, new JsonObject
        {
            ["access_token"] = state.IssueToken(),
            ["expires_on"] = expiresOn.ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = string.IsNullOrEmpty(clientId) ? FakeArmState.SystemAssignedClientId : clientId,
        });
    }

    private JsonObject RequestSummary()
    {
        var requests = state.Requests;
        var identity = state.IdentityCalls;
        var byRoute = new JsonObject();
        foreach (var route in Enum.GetValues<ArmRoute>())
        {
            byRoute[route.ToString()] = requests.Count(r => r.Route == route);
        }

        return new JsonObject
        {
            ["total"] = requests.Count,
            ["byRoute"] = byRoute,
            ["maxConcurrent"] = state.MaxConcurrentRequests,
            ["inFlight"] = state.InFlightRequests,
            ["decoyUrl"] = state.DecoyUri?.ToString(),
            ["decoyRequests"] = state.DecoyRequests,
            ["strayRequests"] = state.StrayRequests,
            ["leakedTokens"] = state.LeakedTokens,
            ["identityRequests"] = identity.Count,
            ["identityClientIds"] = new JsonArray(identity.Where(c => c.ClientId is not null)
                .Select(c => (JsonNode?)c.ClientId).ToArray()),
            ["identityResources"] = new JsonArray(identity.Select(c => (JsonNode?)c.Resource).ToArray()),
            ["requests"] = new JsonArray(requests.Select(r => (JsonNode?)new JsonObject
            {
                ["method"] = r.Method,
                ["path"] = r.Path,
                ["query"] = r.Query,
                ["route"] = r.Route.ToString(),
                ["webhook"] = r.Webhook,
                ["status"] = r.StatusCode,
                ["userAgent"] = r.UserAgent,
            }).ToArray()),
        };
    }

    private async Task AddTokenAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        state.AddAcceptedToken(Required<string>(body, "token"));
        await Json.WriteAsync(context, 200, new JsonObject { ["ok"] = true });
    }

    private async Task AddSubscriptionAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        var subscription = state.AddSubscription(
            Required<string>(body, "subscriptionId"), body["displayName"]?.GetValue<string>());
        await Json.WriteAsync(context, 200, new JsonObject
        {
            ["subscriptionId"] = subscription.Id,
            ["displayName"] = subscription.DisplayName,
        });
    }

    private async Task PutWebhookAsync(HttpContext context, string[] names)
    {
        var body = await ReadBodyAsync(context);
        var webhook = state.AddWebhook(names[0], names[1], names[2], names[3],
            body["events"]?.GetValue<int>() ?? 0, body["pageSize"]?.GetValue<int>() ?? 20);
        webhook.Faults.LatencyMs = body["latencyMs"]?.GetValue<int>() ?? 0;
        await Json.WriteAsync(context, 200, Describe(webhook));
    }

    private async Task WebhookActionAsync(HttpContext context, string[] names, string verb)
    {
        var body = await ReadBodyAsync(context);
        var webhook = state.FindWebhook(names[0], names[1], names[2], names[3]);
        if (webhook is null)
        {
            await Json.WriteAsync(context, 404, Problem("not_found", "No such webhook."));
            return;
        }

        switch (verb.ToLowerInvariant())
        {
            case "append":
                webhook.Append(body["count"]?.GetValue<int>() ?? 1);
                break;
            case "expire":
                webhook.Expire(body["keep"]?.GetValue<int>() ?? 0);
                break;
            case "fail":
                webhook.Faults.FailNextRequests(
                    body["count"]?.GetValue<int>() ?? 1, body["status"]?.GetValue<int>() ?? 500);
                break;
            default:
                await Json.WriteAsync(context, 404, Problem("not_found", $"Unknown webhook action '{verb}'."));
                return;
        }

        await Json.WriteAsync(context, 200, Describe(webhook));
    }

    private static JsonObject Describe(FakeWebhook webhook) => new()
    {
        ["name"] = webhook.Name,
        ["events"] = webhook.EventCount,
        ["pageSize"] = webhook.PageSize,
        ["latencyMs"] = webhook.Faults.LatencyMs,
        ["pendingFailures"] = webhook.Faults.PendingFailures,
    };

    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string text = await reader.ReadToEndAsync(context.RequestAborted);
        return string.IsNullOrWhiteSpace(text)
            ? []
            : JsonNode.Parse(text) as JsonObject ?? throw new FormatException("The body must be a JSON object.");
    }

    private static T Required<T>(JsonObject body, string name) =>
        body[name] is { } value ? value.GetValue<T>() : throw new FormatException($"'{name}' is required.");

    private static Task Done(HttpContext context, Action action)
    {
        action();
        return Json.WriteAsync(context, 200, new JsonObject { ["ok"] = true });
    }

    private static JsonObject Problem(string error, string description) =>
        new() { ["error"] = error, ["error_description"] = description };
}
