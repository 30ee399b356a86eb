using System;
using System.Collections.Generic;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// Decides whether a nextLink may be followed. It is followed with our bearer token, so it must stay on the
    /// ARM endpoint the token is meant for, over https, and must not send us round in a circle.
    /// </summary>
    internal sealed class NextLinkGuard
    {
        private readonly Uri _endpoint;
        private readonly HashSet<string> _followed = new HashSet<string>(StringComparer.Ordinal);

        internal NextLinkGuard(Uri endpoint)
        {
            _endpoint = endpoint;
        }

        /// <summary>Returns the link to follow, or null when there is none.</summary>
        /// <param name="link">The nextLink as the service returned it.</param>
        /// <param name="where">"Page 2 of webhook r/w", for messages.</param>
        /// <exception cref="AcrException">The link must not be followed (kind UnsafeNextLink).</exception>
        internal Uri? Check(string? link, string where)
        {
            if (string.IsNullOrEmpty(link))
            {
                return null;
            }

            if (!Uri.TryCreate(link, UriKind.Absolute, out Uri? uri))
            {
                throw Unsafe($"{where} has a nextLink that is not an absolute URL: '{Describe(link!)}'.");
            }

            bool sameOrigin = uri.Scheme == Uri.UriSchemeHttps
                && string.Equals(uri.Host, _endpoint.Host, StringComparison.OrdinalIgnoreCase)
                && uri.Port == _endpoint.Port;
            if (!sameOrigin)
            {
                throw Unsafe(
                    $"{where} has a nextLink to {uri.Scheme}://{uri.Authority}, not to the ARM endpoint "
                        + $"{_endpoint.GetLeftPart(UriPartial.Authority)}; it was not followed, so no token left this "
                        + "machine for it.");
            }

            if (!_followed.Add(uri.AbsoluteUri))
            {
                throw Unsafe($"{where} repeats a nextLink already followed; stopped instead of looping.");
            }

            return uri;
        }

        private static AcrException Unsafe(string message) => new AcrException(AcrErrorKind.UnsafeNextLink, message);

        // The link may carry tokens of its own in its query; show only where it points.
        private static string Describe(string link)
        {
            int query = link.IndexOf('?');
            return query < 0 ? link : link.Substring(0, query) + "?...";
        }
    }
}
