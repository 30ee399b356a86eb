using System;
using System.Runtime.InteropServices;
using System.Security;
using AcrWebhookEvents.Engine.Http;
using Azure.Core;
using Azure.Identity;

namespace AcrWebhookEvents.Engine.Auth
{
    /// <summary>Makes the one credential a connection keeps for its lifetime.</summary>
    internal static class CredentialFactory
    {
        internal static TokenCredential Create(AcrConnectOptions options, ArmEnvironment environment)
        {
            switch (options.AuthMethod)
            {
                case AcrAuthMethod.AccessToken:
                    return new StaticTokenCredential(ToPlainText(options.AccessToken));

                case AcrAuthMethod.ManagedIdentity:
                    ManagedIdentityId id = string.IsNullOrEmpty(options.ClientId)
                        ? ManagedIdentityId.SystemAssigned
                        : ManagedIdentityId.FromUserAssignedClientId(options.ClientId);
                    return new ManagedIdentityCredential(new ManagedIdentityCredentialOptions(id));

                default:
                    var chain = new DefaultAzureCredentialOptions();
                    if (!string.IsNullOrEmpty(options.TenantId))
                    {
                        chain.TenantId = options.TenantId;
                    }

                    if (!string.IsNullOrEmpty(options.ClientId))
                    {
                        chain.ManagedIdentityClientId = options.ClientId;
                    }

                    if (environment.AuthorityHost != null)
                    {
                        chain.AuthorityHost = environment.AuthorityHost;
                    }

                    return new DefaultAzureCredential(chain);
            }
        }

        private static string ToPlainText(SecureString? secure)
        {
            if (secure is null || secure.Length == 0)
            {
                throw new AcrException(AcrErrorKind.Configuration, "The access token is empty.");
            }

            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                string token = Marshal.PtrToStringUni(pointer) ?? string.Empty;

                // Tolerate a pasted "Bearer <token>" header value.
                const string Scheme = "Bearer ";
                return token.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
                    ? token.Substring(Scheme.Length).Trim()
                    : token.Trim();
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
