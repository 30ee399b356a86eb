using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace AcrWebhookEvents.FakeArm;

/// <summary>Runs the fake as a process for the Pester tests, the demo and the benchmark.</summary>
internal static class Program
{
    private const string Usage =
        "usage: FakeArm [--make-ca DIR] [--ca DIR] [--state-dir DIR] [--sample] [--latency-ms N]\n" +
        "               [--identity-header VALUE] [--list-page-size N] [--ignore-stdin]";

    private static async Task<int> Main(string[] args)
    {
        var options = new FakeArmOptions();
        bool watchStdin = true;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Value() =>
                    ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value.");
                switch (args[i])
                {
                    case "--make-ca":
                        return MakeCa(Value());
                    case "--ca":
                        options.CaDirectory = Value();
                        break;
                    case "--state-dir":
                        options.StateDirectory = Value();
                        break;
                    case "--sample":
                        options.SeedSample = true;
                        break;
                    case "--latency-ms":
                        options.LatencyMs = int.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--identity-header":
                        options.IdentityHeader = Value();
                        break;
                    case "--list-page-size":
                        options.ListPageSize = int.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--ignore-stdin":
                        watchStdin = false;
                        break;
                    default:
                        throw new FormatException($"Unknown option '{args[i]}'.");
                }
            }
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n{Usage}");
            return 2;
        }

        await using var server = await FakeArmServer.StartAsync(options);
        var announcement = new JsonObject
        {
            ["armUrl"] = server.ArmUri.ToString(),
            ["controlUrl"] = server.ControlUri.ToString(),
            ["decoyUrl"] = server.DecoyUri.ToString(),
            ["identityEndpoint"] = server.IdentityEndpoint.ToString(),
            ["identityHeader"] = server.IdentityHeader,
            ["caFile"] = server.CaFile,
            ["pid"] = Environment.ProcessId,
        };
        await Console.Out.WriteLineAsync(announcement.ToJsonString(Json.SerializerOptions));
        await Console.Out.FlushAsync();

        var stop = new TaskCompletionSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // shut down cleanly instead of being killed
            stop.TrySetResult();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        if (watchStdin)
        {
            // The parent closing our stdin is how it says "stop" without signals, which Windows lacks.
            _ = Task.Run(async () =>
            {
                await using var stdin = Console.OpenStandardInput();
                await stdin.CopyToAsync(Stream.Null);
                stop.TrySetResult();
            });
        }

        await stop.Task;
        return 0;
    }

    private static int MakeCa(string directory)
    {
        if (File.Exists(Path.Combine(directory, CertificateFactory.CaFileName))
            && File.Exists(Path.Combine(directory, CertificateFactory.CaKeyFileName)))
        {
            return 0;
        }

        using var ca = CertificateFactory.CreateCa(TimeSpan.FromDays(365));
        CertificateFactory.WriteCa(ca, directory);
        return 0;
    }
}
