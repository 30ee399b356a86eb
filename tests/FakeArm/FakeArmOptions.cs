using System.Security.Cryptography.X509Certificates;

namespace AcrWebhookEvents.FakeArm;

/// <summary>How to start a <see cref="FakeArmServer"/>.</summary>
public sealed class FakeArmOptions
{
    /// <summary>Seed the sample data set (see <see cref="SampleData"/>).</summary>
    public bool SeedSample { get; set; }

    /// <summary>Latency added to every ARM request, in milliseconds.</summary>
    public int LatencyMs { get; set; }

    /// <summary>The secret the identity endpoint expects in X-IDENTITY-HEADER; random when null.</summary>
    public string? IdentityHeader { get; set; }

    /// <summary>A CA with private key to sign the server certificate; wins over <see cref="CaDirectory"/>.</summary>
    public X509Certificate2? Ca { get; set; }

    /// <summary>A directory holding <c>ca.pem</c> and <c>ca.key.pem</c> to sign the server certificate.</summary>
    public string? CaDirectory { get; set; }

    /// <summary>Where to write <c>ca.pem</c> when the CA is generated fresh.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Items per page of the webhook and registry lists.</summary>
    public int ListPageSize { get; set; } = 50;
}
