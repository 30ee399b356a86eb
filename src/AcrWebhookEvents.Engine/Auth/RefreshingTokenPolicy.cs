using System;
using System.Globalization;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using AcrWebhookEvents.Engine.Http;

namespace AcrWebhookEvents.Engine.Auth
{
    /// <summary>
    /// Bearer tokens as Azure.Core sends them, plus one retry with a fresh token when ARM answers 401 in the middle
    /// of paging (a token revoked or expired early). Azure.Core alone reacts only to a claims challenge.
    /// </summary>
    /// <remarks>
    /// Asking again with the same request context would get the same token back from two caches: this policy's and
    /// the credential's (MSAL keeps managed-identity tokens for the whole process). A claims request for a token not
    /// issued before now is what Continuous Access Evaluation sends for a revoked token; MSAL answers it from the
    /// identity endpoint instead of its cache. A static access token cannot be refreshed, so none is asked for.
    /// </remarks>
    internal sealed class RefreshingTokenPolicy : BearerTokenAuthenticationPolicy
    {
        private readonly string[] _scopes;
        private readonly bool _canRefresh;

        internal RefreshingTokenPolicy(TokenCredential credential, string scope, bool canRefresh)
            : base(credential, scope)
        {
            _scopes = new[] { scope };
            _canRefresh = canRefresh;
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await base.ProcessAsync(message, pipeline).ConfigureAwait(false);
            if (ShouldRefresh(message))
            {
                await AuthenticateAndAuthorizeRequestAsync(message, FreshTokenContext()).ConfigureAwait(false);
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            base.Process(message, pipeline);
            if (ShouldRefresh(message))
            {
                AuthenticateAndAuthorizeRequest(message, FreshTokenContext());
                ProcessNext(message, pipeline);
            }
        }

        private bool ShouldRefresh(HttpMessage message)
        {
            if (!_canRefresh || !message.HasResponse || message.Response.Status != 401)
            {
                return false;
            }

            // Once per request, retries included: a second 401 with a brand-new token is ARM's final word.
            RequestState state = RequestState.Of(message);
            if (state.RefreshedToken)
            {
                return false;
            }

            state.RefreshedToken = true;
            state.Diagnostics?.Verbose(
                $"{message.Request.Method} {message.Request.Uri.Path}: ARM refused the token (401); asking the "
                    + "credential for a new one and trying once more.");
            message.Response.ContentStream?.Dispose();
            return true;
        }

        private TokenRequestContext FreshTokenContext()
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            string claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\""
                + now.ToString(CultureInfo.InvariantCulture) + "\"}}}";
            return new TokenRequestContext(_scopes, claims: claims);
        }
    }
}
