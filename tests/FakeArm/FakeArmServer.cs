using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AcrWebhookEvents.FakeArm;

/// <summary>A running fake: ARM over HTTPS on one loopback port, identity and control over HTTP on another.</summary>
public sealed class FakeArmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _leaf;

    private FakeArmServer(
        WebApplication app, X509Certificate2 leaf, X509Certificate2 ca, string? caFile, FakeArmState state,
        string identityHeader, Ports ports)
    {
        _app = app;
        _leaf = leaf;
        CaCertificate = ca;
        CaFile = caFile;
        State = state;
        IdentityHeader = identityHeader;

        // Kestrel knows the ports the OS picked only once it listens.
        var addresses = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>();
        foreach (string address in addresses.Addresses)
        {
            var uri = new Uri(address.TrimEnd('/') + "/");
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                ControlUri = uri;
            }
            else if (uri.Port == ports.Decoy)
            {
                DecoyUri = uri;
            }
            else
            {
                ArmUri = uri;
            }
        }

        if (ArmUri is null || ControlUri is null || DecoyUri is null)
        {
            throw new InvalidOperationException("Kestrel did not report all three listening addresses.");
        }

        state.DecoyUri = DecoyUri;

        IdentityEndpoint = new Uri(ControlUri, "msi/token");
    }

    /// <summary>The ARM endpoint, e.g. https://127.0.0.1:PORT/.</summary>
    public Uri ArmUri { get; } = null!;

    /// <summary>The plain-HTTP endpoint for the control API and the identity endpoint.</summary>
    public Uri ControlUri { get; } = null!;

    /// <summary>
    /// A second HTTPS endpoint with the same trusted certificate that answers anything with an empty event page and
    /// counts each request: the place a hostile nextLink would send a token. A client must never reach it.
    /// </summary>
    public Uri DecoyUri { get; } = null!;

    /// <summary>The value for IDENTITY_ENDPOINT.</summary>
    public Uri IdentityEndpoint { get; }

    /// <summary>The value for IDENTITY_HEADER.</summary>
    public string IdentityHeader { get; }

    /// <summary>The CA that signed the server certificate (public part only).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>
    /// A handler that trusts this fake's CA and nothing else, for a process that started before the CA existed
    /// (SSL_CERT_FILE is read only at start): the tests' and the benchmark's clients.
    /// </summary>
    public HttpClientHandler CreateTrustingHandler()
    {
        X509Certificate2 ca = CaCertificate;
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
    }

    /// <summary>Path of the CA's PEM file, when it is on disk.</summary>
    public string? CaFile { get; }

    public FakeArmState State { get; }

    /// <summary>Starts a fake on loopback ports chosen by the OS.</summary>
    public static async Task<FakeArmServer> StartAsync(
        FakeArmOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeArmOptions();
        var state = new FakeArmState { ListPageSize = options.ListPageSize };
        state.Faults.LatencyMs = options.LatencyMs;
        if (options.SeedSample)
        {
            state.SeedSample();
        }

        string? caFile = null;
        bool ownsSigner = options.Ca is null;
        X509Certificate2 signer;
        if (options.Ca is not null)
        {
            signer = options.Ca;
        }
        else if (options.CaDirectory is not null)
        {
            signer = CertificateFactory.LoadCa(options.CaDirectory);
            caFile = Path.GetFullPath(Path.Combine(options.CaDirectory, CertificateFactory.CaFileName));
        }
        else
        {
            signer = CertificateFactory.CreateCa(TimeSpan.FromDays(3));
            if (options.StateDirectory is not null)
            {
                Directory.CreateDirectory(options.StateDirectory);
                caFile = Path.GetFullPath(Path.Combine(options.StateDirectory, CertificateFactory.CaFileName));
                CertificateFactory.WriteCertificate(signer, caFile);
            }
        }

        X509Certificate2 leaf, publicCa;
        try
        {
            leaf = CertificateFactory.CreateLeaf(signer);
            publicCa = X509CertificateLoader.LoadCertificate(signer.RawData); // the key has done its job
        }
        finally
        {
            if (ownsSigner)
            {
                signer.Dispose();
            }
        }

        string identityHeader = options.IdentityHeader ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // stdout is for the JSON line
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        ListenOptions? decoyListen = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(leaf));
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                decoyListen = listen;
                listen.UseHttps(leaf);
            });
        });

        var app = builder.Build();
        var arm = new ArmHandler(state);
        var control = new ControlHandler(state, identityHeader);
        var ports = new Ports();
        app.Run(context =>
            context.Connection.LocalPort == ports.Decoy ? DecoyAsync(context, state)
            : context.Request.IsHttps ? arm.HandleAsync(context)
            : control.HandleAsync(context));
        try
        {
            await app.StartAsync(cancellationToken);
            ports.Decoy = decoyListen?.IPEndPoint?.Port
                ?? throw new InvalidOperationException("Kestrel did not report the decoy port.");
            return new FakeArmServer(app, leaf, publicCa, caFile, state, identityHeader, ports);
        }
        catch
        {
            await app.DisposeAsync();
            leaf.Dispose();
            publicCa.Dispose();
            throw;
        }
    }

    private static Task DecoyAsync(HttpContext context, FakeArmState state)
    {
        state.RecordMisdirected(decoy: true, withToken: context.Request.Headers.ContainsKey("Authorization"));
        return Json.WriteAsync(context, 200, new System.Text.Json.Nodes.JsonObject
        {
            ["value"] = new System.Text.Json.Nodes.JsonArray(),
        });
    }

    /// <summary>Ports known only once Kestrel listens; requests cannot arrive before that.</summary>
    private sealed class Ports
    {
        public int Decoy { get; set; } = -1;
    }

    /// <summary>Stops listening and releases the certificates.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _leaf.Dispose();
        CaCertificate.Dispose();
    }
}
