using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcrWebhookEvents.FakeArm;

/// <summary>Makes the test CA and the loopback server certificate it signs.</summary>
public static class CertificateFactory
{
    public const string CaFileName = "ca.pem";
    public const string CaKeyFileName = "ca.key.pem";

    /// <summary>Creates a self-signed ECDSA P-256 CA, valid from an hour ago for <paramref name="lifetime"/>.</summary>
    public static X509Certificate2 CreateCa(TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=AcrWebhookEvents FakeArm CA, O=AcrWebhookEvents tests", key,
            HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddHours(-1), now.Add(lifetime));
    }

    /// <summary>Creates a certificate for localhost, 127.0.0.1 and ::1, signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateLeaf(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build(true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));

        // Keep within the CA's validity: CertificateRequest.Create refuses anything outside it.
        var now = DateTimeOffset.UtcNow;
        var notBefore = Max(now.AddHours(-1), new DateTimeOffset(ca.NotBefore.ToUniversalTime()));
        var notAfter = Min(now.AddDays(2), new DateTimeOffset(ca.NotAfter.ToUniversalTime()));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        using var signed = request.Create(ca, notBefore, notAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);

        // Kestrel on Linux wants a key it can use after this method returns, so round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes <c>ca.pem</c> and <c>ca.key.pem</c> (PKCS#8) into <paramref name="directory"/>.</summary>
    public static void WriteCa(X509Certificate2 ca, string directory)
    {
        Directory.CreateDirectory(directory);
        WriteCertificate(ca, Path.Combine(directory, CaFileName));
        using var key = ca.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("The CA has no ECDSA private key to write.");
        string keyPath = Path.Combine(directory, CaKeyFileName);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Writes the public certificate as PEM.</summary>
    public static void WriteCertificate(X509Certificate2 certificate, string path) =>
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");

    /// <summary>Loads a CA written by <see cref="WriteCa"/>, with its private key.</summary>
    public static X509Certificate2 LoadCa(string directory) =>
        X509Certificate2.CreateFromPemFile(
            Path.Combine(directory, CaFileName), Path.Combine(directory, CaKeyFileName));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
