using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AcrWebhookEvents.FakeArm;

/// <summary>Answers the ARM operations on the HTTPS port and logs each request.</summary>
internal sealed partial class ArmHandler(FakeArmState state)
{
    private const string Challenge =
        "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\"";

    public async Task HandleAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        var request = context.Request;
        var path = ArmPath.Parse(request.Path.Value ?? "/", request.Method, request.Query.ContainsKey("$skipToken"));
        state.BeginRequest();
        try
        {
            context.Response.Headers["x-ms-correlation-request-id"] = Guid.NewGuid().ToString();
            context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
            await state.Faults.DelayAsync(context.RequestAborted);
            await AnswerAsync(context, path);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = 499; // the client gave up; only the log sees this
        }
        finally
        {
            state.EndRequest(new ArmRequestRecord(
                request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", path.Route, path.Webhook,
                context.Response.StatusCode, start, Stopwatch.GetTimestamp(),
                request.Headers.UserAgent.ToString()));
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();

    private async Task AnswerAsync(HttpContext context, ArmPath path)
    {
        var request = context.Request;
        string authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || !state.IsAcceptedToken(authorization["Bearer ".Length..].Trim()))
        {
            context.Response.Headers.WWWAuthenticate = Challenge;
            await ErrorAsync(context, 401, "InvalidAuthenticationToken", "The access token is invalid.");
            return;
        }

        string? apiVersion = request.Query["api-version"];
        if (string.IsNullOrEmpty(apiVersion))
        {
            await ErrorAsync(context, 400, "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.");
            return;
        }

        if (!ApiVersionPattern().IsMatch(apiVersion))
        {
            await ErrorAsync(context, 400, "InvalidApiVersionParameter", $"The api-version '{apiVersion}' is invalid.");
            return;
        }

        if (HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers["x-ms-ratelimit-remaining-subscription-writes"] =
                state.TakeWrite().ToString(CultureInfo.InvariantCulture);
        }

        if (state.Faults.TakeFault() is { } fault)
        {
            await FaultAsync(context, fault, null);
            return;
        }

        switch (path.Route)
        {
            case ArmRoute.SubscriptionList:
                await WriteListAsync(context, apiVersion, state.Subscriptions.Values.OrderBy(s => s.Id).Select(ToJson));
                break;
            case ArmRoute.RegistryList:
                await ListRegistriesAsync(context, path, apiVersion);
                break;
            case ArmRoute.WebhookList:
                if (await FindRegistryAsync(context, path) is { } parent)
                {
                    var hooks = parent.Registry.Webhooks.Values.OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase);
                    await WriteListAsync(context, apiVersion, hooks.Select(w => ToJson(parent, w)));
                }

                break;
            case ArmRoute.Other when path.KnownPath:
                // Only nextLinks may GET listEvents: they carry the $skipToken.
                await ErrorAsync(context, 405, "MethodNotAllowed",
                    $"The method '{request.Method}' is not supported for '{request.Path}'.");
                break;
            case ArmRoute.Other:
                await ErrorAsync(context, 404, "InvalidResourceType",
                    $"The resource type for '{request.Path}' could not be found.");
                break;
            default:
                await WebhookOperationAsync(context, path, apiVersion);
                break;
        }
    }

    private async Task WebhookOperationAsync(HttpContext context, ArmPath path, string apiVersion)
    {
        if (await FindRegistryAsync(context, path) is not { } parent)
        {
            return;
        }

        if (!parent.Registry.Webhooks.TryGetValue(path.Webhook!, out var webhook))
        {
            await NotFoundAsync(context, $"registries/{path.Registry}/webhooks/{path.Webhook}", path.ResourceGroup!);
            return;
        }

        await webhook.Faults.DelayAsync(context.RequestAborted);
        if (webhook.Faults.TakeFault() is { } fault)
        {
            byte[]? page = path.Route is ArmRoute.ListEventsFirst or ArmRoute.ListEventsNext
                ? BuildEventsPage(context, webhook, apiVersion)
                : null;
            await FaultAsync(context, fault, page);
            return;
        }

        switch (path.Route)
        {
            case ArmRoute.WebhookGet:
                await Json.WriteAsync(context, 200, ToJson(parent, webhook));
                break;
            case ArmRoute.Ping:
                var ping = webhook.AddPing(Guid.NewGuid().ToString());
                await Json.WriteAsync(context, 200, new JsonObject { ["id"] = ping.Id });
                break;
            default:
                await ListEventsAsync(context, webhook, apiVersion);
                break;
        }
    }

    private static async Task ListEventsAsync(HttpContext context, FakeWebhook webhook, string apiVersion)
    {
        if (BuildEventsPage(context, webhook, apiVersion) is not { } body)
        {
            await InvalidSkipTokenAsync(context);
            return;
        }

        await Json.WriteAsync(context, 200, body);
    }

    /// <summary>The listEvents answer for this request, or null when its $skipToken addresses no event.</summary>
    private static byte[]? BuildEventsPage(HttpContext context, FakeWebhook webhook, string apiVersion)
    {
        if (!TryGetSkip(context.Request, out int skip) || !webhook.TryGetPage(skip, out var page, out int? next))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(page.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            writer.WriteRawValue(page, skipInputValidation: true); // built by our own writer, so valid
            if (next is not null)
            {
                writer.WriteString("nextLink", NextLink(context.Request, apiVersion, next.Value));
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task ListRegistriesAsync(HttpContext context, ArmPath path, string apiVersion)
    {
        if (!state.Subscriptions.TryGetValue(path.Subscription!, out var subscription))
        {
            await SubscriptionNotFoundAsync(context, path.Subscription!);
            return;
        }

        IEnumerable<FakeResourceGroup> groups = subscription.ResourceGroups.Values;
        if (path.ResourceGroup is not null)
        {
            if (!subscription.ResourceGroups.TryGetValue(path.ResourceGroup, out var group))
            {
                await ResourceGroupNotFoundAsync(context, path.ResourceGroup);
                return;
            }

            groups = [group];
        }

        var registries = groups
            .SelectMany(g => g.Registries.Values.Select(r => new RegistryParent(subscription, g, r)))
            .OrderBy(p => p.Group.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Registry.Name, StringComparer.OrdinalIgnoreCase);
        await WriteListAsync(context, apiVersion, registries.Select(ToJson));
    }

    private async Task<RegistryParent?> FindRegistryAsync(HttpContext context, ArmPath path)
    {
        if (!state.Subscriptions.TryGetValue(path.Subscription!, out var subscription))
        {
            await SubscriptionNotFoundAsync(context, path.Subscription!);
        }
        else if (!subscription.ResourceGroups.TryGetValue(path.ResourceGroup!, out var group))
        {
            await ResourceGroupNotFoundAsync(context, path.ResourceGroup!);
        }
        else if (!group.Registries.TryGetValue(path.Registry!, out var registry))
        {
            await NotFoundAsync(context, $"registries/{path.Registry}", path.ResourceGroup!);
        }
        else
        {
            return new RegistryParent(subscription, group, registry);
        }

        return null;
    }

    private async Task WriteListAsync(HttpContext context, string apiVersion, IEnumerable<JsonObject> items)
    {
        var all = items.ToList();
        if (!TryGetSkip(context.Request, out int skip) || (skip > 0 && skip >= all.Count))
        {
            await InvalidSkipTokenAsync(context);
            return;
        }

        int end = Math.Min(all.Count, skip + state.ListPageSize);
        var body = new JsonObject { ["value"] = new JsonArray(all.GetRange(skip, end - skip).ToArray<JsonNode?>()) };
        if (end < all.Count)
        {
            body["nextLink"] = NextLink(context.Request, apiVersion, end);
        }

        await Json.WriteAsync(context, 200, body);
    }

    private static bool TryGetSkip(HttpRequest request, out int skip)
    {
        skip = 0;
        string? token = request.Query["$skipToken"];
        return token is null
            || (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out skip) && skip >= 0);
    }

    private static string NextLink(HttpRequest request, string apiVersion, int skip) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.ToUriComponent()}" +
        $"?api-version={Uri.EscapeDataString(apiVersion)}&$skipToken={skip}";

    private static JsonObject ToJson(FakeSubscription subscription) => new()
    {
        ["id"] = $"/subscriptions/{subscription.Id}",
        ["subscriptionId"] = subscription.Id,
        ["displayName"] = subscription.DisplayName,
        ["state"] = "Enabled",
        ["tenantId"] = FakeArmState.TenantId,
    };

    private static JsonObject ToJson(RegistryParent parent) => new()
    {
        ["id"] = parent.Id,
        ["name"] = parent.Registry.Name,
        ["type"] = "Microsoft.ContainerRegistry/registries",
        ["location"] = parent.Registry.Location,
        ["sku"] = new JsonObject { ["name"] = "Standard", ["tier"] = "Standard" },
        ["properties"] = new JsonObject
        {
            ["loginServer"] = $"{parent.Registry.Name.ToLowerInvariant()}.azurecr.io",
            ["provisioningState"] = "Succeeded",
        },
    };

    private static JsonObject ToJson(RegistryParent parent, FakeWebhook webhook) => new()
    {
        ["id"] = $"{parent.Id}/webhooks/{webhook.Name}",
        ["name"] = webhook.Name,
        ["type"] = "Microsoft.ContainerRegistry/registries/webhooks",
        ["location"] = parent.Registry.Location,
        ["tags"] = new JsonObject(),
        ["properties"] = new JsonObject
        {
            ["status"] = webhook.Status,
            ["scope"] = webhook.Scope,
            ["actions"] = new JsonArray(webhook.Actions.Select(a => (JsonNode?)a).ToArray()),
            ["provisioningState"] = "Succeeded",
        },
    };

    /// <summary>Promises the whole page (or a one-event body) with Content-Length, and delivers half of it.</summary>
    private static async Task WriteHalfABodyAsync(HttpContext context, byte[]? page)
    {
        byte[] body = page ?? "{\"value\":[{\"id\":\"cut-short\",\"eventRequestMessage\":{}}]}"u8.ToArray();
        HttpResponse response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
    }

    private async Task FaultAsync(HttpContext context, FaultSpec fault, byte[]? page)
    {
        var response = context.Response;
        switch (fault.Kind)
        {
            case FaultKind.Reset:
                await WriteHalfABodyAsync(context, page);
                context.Abort();
                return;

            case FaultKind.Hang:
                await Task.Delay(TimeSpan.FromMinutes(10), context.RequestAborted);
                return;

            case FaultKind.Stall:
                await WriteHalfABodyAsync(context, page);
                await Task.Delay(TimeSpan.FromMinutes(10), context.RequestAborted);
                return;

            case FaultKind.Revoke:
                string token = context.Request.Headers.Authorization.ToString();
                state.RevokeToken(token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? token[7..].Trim() : token);
                response.Headers.WWWAuthenticate = Challenge;
                await ErrorAsync(context, 401, "ExpiredAuthenticationToken",
                    "The access token expiry UTC time is earlier than current UTC time.");
                return;

            case FaultKind.Body:
                var request = context.Request;
                string self = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.ToUriComponent()}{request.QueryString}";
                string text = (fault.Body ?? "").Replace("{self}", self, StringComparison.Ordinal);
                response.StatusCode = 200;
                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync(text, context.RequestAborted);
                return;
        }

        if (fault.RetryAfter is not null)
        {
            response.Headers.RetryAfter = fault.RetryAfter;
        }

        if (fault.RetryAfterMs is not null)
        {
            response.Headers["x-ms-retry-after-ms"] = fault.RetryAfterMs;
        }

        if (fault.StatusCode == 401)
        {
            response.Headers.WWWAuthenticate = Challenge;
        }

        (string code, string message) = fault.StatusCode switch
        {
            400 => ("BadRequest", "Injected fault: the request is not valid."),
            401 => ("InvalidAuthenticationToken", "Injected fault: the access token is invalid."),
            403 => ("AuthorizationFailed", "Injected fault: the client does not have authorization to perform action "
                + "'Microsoft.ContainerRegistry/registries/webhooks/listEvents/action'."),
            404 => ("ResourceNotFound", "Injected fault: the resource was not found."),
            409 => ("Conflict", "Injected fault: the operation conflicts with another one in progress."),
            429 => ("TooManyRequests", "Injected fault: the request is being throttled."),
            503 => ("ServiceUnavailable", "Injected fault: the service is unavailable."),
            _ => ("InternalServerError", $"Injected fault: the fake answers {fault.StatusCode}."),
        };
        await ErrorAsync(context, fault.StatusCode, code, message);
    }

    private static Task InvalidSkipTokenAsync(HttpContext context) =>
        ErrorAsync(context, 400, "InvalidSkipToken", "The $skipToken is not valid for this collection.");

    private static Task SubscriptionNotFoundAsync(HttpContext context, string subscription) =>
        ErrorAsync(context, 404, "SubscriptionNotFound", $"The subscription '{subscription}' could not be found.");

    private static Task ResourceGroupNotFoundAsync(HttpContext context, string group) =>
        ErrorAsync(context, 404, "ResourceGroupNotFound", $"Resource group '{group}' could not be found.");

    private static Task NotFoundAsync(HttpContext context, string resource, string group) =>
        ErrorAsync(context, 404, "ResourceNotFound",
            $"The Resource 'Microsoft.ContainerRegistry/{resource}' under resource group '{group}' was not found. " +
            "For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    private static Task ErrorAsync(HttpContext context, int statusCode, string code, string message) =>
        Json.WriteAsync(context, statusCode, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["target"] = null,
                ["details"] = new JsonArray(),
                ["additionalInfo"] = new JsonArray(),
            },
        });

    /// <summary>A registry with the parents its resource id is made of.</summary>
    private sealed record RegistryParent(FakeSubscription Subscription, FakeResourceGroup Group, FakeRegistry Registry)
    {
        public string Id =>
            $"/subscriptions/{Subscription.Id}/resourceGroups/{Group.Name}" +
            $"/providers/Microsoft.ContainerRegistry/registries/{Registry.Name}";
    }
}
