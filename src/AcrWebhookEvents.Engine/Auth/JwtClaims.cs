using System;
using System.Text;
using System.Text.Json;

namespace AcrWebhookEvents.Engine.Auth
{
    /// <summary>
    /// The few claims of an access token that the context shows (who, which tenant, until when). Read only for
    /// display: the signature is not checked, and ARM decides what the token is worth.
    /// </summary>
    internal sealed class JwtClaims
    {
        private JwtClaims(string? account, string? tenantId, DateTimeOffset? expiresOn)
        {
            Account = account;
            TenantId = tenantId;
            ExpiresOn = expiresOn;
        }

        internal string? Account { get; }

        internal string? TenantId { get; }

        internal DateTimeOffset? ExpiresOn { get; }

        /// <summary>Returns null when the token is not a readable JWT.</summary>
        internal static JwtClaims? Parse(string? token)
        {
            string[] parts = (token ?? string.Empty).Split('.');
            if (parts.Length != 3)
            {
                return null;
            }

            try
            {
                string payload = parts[1].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
                using JsonDocument document = JsonDocument.Parse(Convert.FromBase64String(payload));
                JsonElement root = document.RootElement;
                string? account = Text(root, "upn") ?? Text(root, "unique_name") ?? Text(root, "preferred_username")
                    ?? Text(root, "appid") ?? Text(root, "oid");
                DateTimeOffset? expires = null;
                if (root.TryGetProperty("exp", out JsonElement exp) && exp.TryGetInt64(out long seconds))
                {
                    expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
                }

                return new JwtClaims(account, Text(root, "tid"), expires);
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException || ex is ArgumentException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }
}
