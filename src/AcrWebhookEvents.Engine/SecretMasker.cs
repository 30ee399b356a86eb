using System;
using System.Collections.Generic;
using System.Text;

namespace AcrWebhookEvents.Engine
{
    /// <summary>
    /// Hides what the registry recorded that may be a secret: a webhook's custom headers (often API keys) and the
    /// query values and user info of callback URLs (code=, sig=). Only headers known to be harmless stay readable.
    /// </summary>
    internal static class SecretMasker
    {
        internal const string Mask = "******";

        private static readonly HashSet<string> HarmlessHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Accept",
            "Accept-Encoding",
            "Cache-Control",
            "Connection",
            "Content-Encoding",
            "Content-Length",
            "Content-Type",
            "Date",
            "Host",
            "Server",
            "Transfer-Encoding",
            "User-Agent",
            "Vary",
            "X-Content-Type-Options",
        };

        // Where a URL's authority (and so any user info) ends.
        private static readonly char[] AuthorityEnds = { '/', '?', '#' };

        internal static Dictionary<string, string?> MaskHeaders(Dictionary<string, string?> headers)
        {
            var masked = new Dictionary<string, string?>(headers.Count, StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, string?> header in headers)
            {
                masked[header.Key] = IsHarmless(header) ? header.Value : Mask;
            }

            return masked;
        }

        /// <summary>
        /// Masks a dictionary the caller owns and throws away otherwise (the parser's, once per event), instead of
        /// copying it: two dictionaries per event fewer on a path that maps tens of thousands of events.
        /// </summary>
        internal static Dictionary<string, string?> MaskHeadersInPlace(Dictionary<string, string?> headers)
        {
            // Collected first: .NET Framework's Dictionary refuses any write while it is being enumerated.
            List<string>? secret = null;
            foreach (KeyValuePair<string, string?> header in headers)
            {
                if (!IsHarmless(header))
                {
                    (secret ??= new List<string>(2)).Add(header.Key);
                }

            }

            if (secret != null)
            {
                foreach (string name in secret)
                {
                    headers[name] = Mask;
                }

            }

            return headers;
        }

        private static bool IsHarmless(KeyValuePair<string, string?> header) =>
            HarmlessHeaders.Contains(header.Key) || string.IsNullOrEmpty(header.Value);

        /// <summary>Masks every query value and any user info; keeps scheme, host, path and query names.</summary>
        internal static string? MaskUri(string? uri)
        {
            if (string.IsNullOrEmpty(uri))
            {
                return uri;
            }

            string text = uri!;
            int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
            int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
            int pathStart = text.IndexOfAny(AuthorityEnds, authorityStart);
            if (pathStart < 0)
            {
                pathStart = text.Length;
            }

            int at = pathStart > authorityStart ? text.LastIndexOf('@', pathStart - 1, pathStart - authorityStart) : -1;
            if (at >= authorityStart)
            {
                text = text.Substring(0, authorityStart) + Mask + text.Substring(at);
            }

            int query = text.IndexOf('?');
            if (query < 0)
            {
                return text;
            }

            // Each name=value pair keeps its name; a pair without '=' is masked whole; empty pairs stay empty.
            int fragment = text.IndexOf('#', query);
            int end = fragment < 0 ? text.Length : fragment;
            var result = new StringBuilder(text.Length + 16).Append(text, 0, query + 1);
            for (int start = query + 1; ; )
            {
                int ampersand = text.IndexOf('&', start, end - start);
                int pairEnd = ampersand < 0 ? end : ampersand;
                if (pairEnd > start)
                {
                    int equals = text.IndexOf('=', start, pairEnd - start);
                    if (equals >= 0)
                    {
                        result.Append(text, start, equals + 1 - start);
                    }

                    result.Append(Mask);
                }

                if (ampersand < 0)
                {
                    break;
                }

                result.Append('&');
                start = ampersand + 1;
            }

            if (fragment >= 0)
            {
                result.Append(text, fragment, text.Length - fragment);
            }

            return result.ToString();
        }
    }
}
