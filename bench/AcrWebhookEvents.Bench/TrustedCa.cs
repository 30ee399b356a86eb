using System.Security.Cryptography.X509Certificates;

namespace AcrWebhookEvents.Bench;

/// <summary>
/// Trusts the fake's per-run CA in this process, which started before the CA existed (SSL_CERT_FILE is read only
/// at start). The raw baseline and the engine use the same check, so the TLS work on both sides is the same.
/// </summary>
internal static class TrustedCa
{
    internal static bool Validate(X509Certificate2 ca, X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    internal static HttpClientHandler Handler(X509Certificate2 ca) => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) => Validate(ca, certificate),
    };
}
