using System;
using System.Collections.Generic;
using System.Text;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// Makes our -Debug HTTP log safe to paste into an issue: header values and query values are shown only when
    /// their names are on an allow-list, everything else reads REDACTED.
    /// </summary>
    /// <remarks>
    /// Azure.Core's own HttpMessageSanitizer does the same but is internal in Azure.Core 1.65, and its public way in,
    /// AzureEventSourceListener, hears every Azure.Core client in the process; this allow-list is the same idea, ours.
    /// </remarks>
    internal static class LogSanitizer
    {
        internal const string Redacted = "REDACTED";

        private static readonly HashSet<string> AllowedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Accept", "Content-Type", "Content-Length", "Date", "Retry-After", "retry-after-ms", "x-ms-retry-after-ms",
            "User-Agent", "x-ms-client-request-id", "x-ms-return-client-request-id", "x-ms-request-id",
            "x-ms-correlation-request-id", "x-ms-routing-request-id", "x-ms-ratelimit-remaining-subscription-reads",
            "x-ms-ratelimit-remaining-subscription-writes", "x-ms-ratelimit-remaining-tenant-reads",
            "x-ms-ratelimit-remaining-tenant-writes", "Cache-Control", "Server", "Strict-Transport-Security",
            "Transfer-Encoding", "Connection",
        };

        private static readonly HashSet<string> AllowedQuery = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "api-version", "$skipToken",
        };

        internal static string Header(string name, string value) => AllowedHeaders.Contains(name) ? value : Redacted;

        /// <summary>The URL with user info removed and every query value not on the allow-list redacted.</summary>
        internal static string Url(Uri uri)
        {
            // Authority leaves out any user:password@ part.
            var text = new StringBuilder(uri.Scheme + "://" + uri.Authority);
            text.Append(uri.AbsolutePath);
            string query = uri.Query.TrimStart('?');
            if (query.Length == 0)
            {
                return text.ToString();
            }

            char separator = '?';
            foreach (string pair in query.Split('&'))
            {
                int equals = pair.IndexOf('=');
                string name = equals < 0 ? pair : pair.Substring(0, equals);
                text.Append(separator).Append(name);
                if (equals >= 0)
                {
                    bool allowed = AllowedQuery.Contains(Uri.UnescapeDataString(name));
                    text.Append('=').Append(allowed ? pair.Substring(equals + 1) : Redacted);
                }

                separator = '&';
            }

            return text.ToString();
        }
    }
}
