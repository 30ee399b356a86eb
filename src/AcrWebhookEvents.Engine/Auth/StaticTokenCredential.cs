using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace AcrWebhookEvents.Engine.Auth
{
    /// <summary>
    /// A token obtained elsewhere (Get-AzAccessToken, az account get-access-token). It cannot be refreshed.
    /// </summary>
    internal sealed class StaticTokenCredential : TokenCredential
    {
        private readonly AccessToken _token;

        internal StaticTokenCredential(string token)
        {
            // Without a readable expiry the token is offered until ARM refuses it; the 401 then says what to do.
            DateTimeOffset expiresOn = JwtClaims.Parse(token)?.ExpiresOn ?? DateTimeOffset.MaxValue;
            _token = new AccessToken(token, expiresOn);
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            _token;

        public override ValueTask<AccessToken> GetTokenAsync(
            TokenRequestContext requestContext,
            CancellationToken cancellationToken) =>
            new ValueTask<AccessToken>(_token);

        /// <summary>Never the token.</summary>
        public override string ToString() => nameof(StaticTokenCredential);
    }
}
