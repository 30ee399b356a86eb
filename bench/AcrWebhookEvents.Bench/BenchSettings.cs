using System.Globalization;

namespace AcrWebhookEvents.Bench;

/// <summary>Command-line settings; build.ps1 -Task Bench passes the paths.</summary>
internal sealed class BenchSettings
{
    internal const string Usage =
        "usage: AcrWebhookEvents.Bench --module DIR --script FILE --pwsh PATH [--pwsh-prefix ARG]... [--out FILE]\n"
        + "                            [--samples N] [--warmup N] [--pwsh-samples N] [--pwsh-warmup N]\n"
        + "                            [--memory-samples N] [--import-samples N]";

    internal string ModulePath { get; private set; } = "";

    internal string ScriptPath { get; private set; } = "";

    internal string PwshPath { get; private set; } = "";

    internal List<string> PwshPrefix { get; } = [];

    internal string? OutputPath { get; private set; }

    /// <summary>Timed runs in this process, per measurement (after <see cref="Warmup"/> untimed runs).</summary>
    internal int Samples { get; private set; } = 7;

    /// <summary>
    /// Untimed runs first in this process. The floor runs mostly on the framework's precompiled (ReadyToRun) code;
    /// the engine and Azure.Core start as unoptimised JIT code and reach full speed only after
    /// tiered compilation, a few runs in. Every row gets the same warm-up, so steady state is what is compared.
    /// </summary>
    internal int Warmup { get; private set; } = 5;

    /// <summary>Timed runs inside each pwsh child.</summary>
    internal int PwshSamples { get; private set; } = 7;

    /// <summary>
    /// Untimed runs first in each pwsh child. Tiered JIT recompiles hot methods in the background after their first
    /// 30 calls; the first runs measure the JIT more than the module (the cold fresh-pwsh rows show that cost).
    /// </summary>
    internal int PwshWarmup { get; private set; } = 5;

    /// <summary>Fresh pwsh processes for each peak-memory measurement.</summary>
    internal int MemorySamples { get; private set; } = 3;

    /// <summary>Fresh pwsh processes for the import time.</summary>
    internal int ImportSamples { get; private set; } = 7;

    internal static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value.");
            int Count() => Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture));
            switch (args[i])
            {
                case "--module": settings.ModulePath = Path.GetFullPath(Value()); break;
                case "--script": settings.ScriptPath = Path.GetFullPath(Value()); break;
                case "--pwsh": settings.PwshPath = Value(); break;
                case "--pwsh-prefix": settings.PwshPrefix.Add(Value()); break;
                case "--out": settings.OutputPath = Path.GetFullPath(Value()); break;
                case "--samples": settings.Samples = Count(); break;
                case "--warmup": settings.Warmup = Count(); break;
                case "--pwsh-samples": settings.PwshSamples = Count(); break;
                case "--pwsh-warmup": settings.PwshWarmup = Count(); break;
                case "--memory-samples": settings.MemorySamples = Count(); break;
                case "--import-samples": settings.ImportSamples = Count(); break;
                default: throw new FormatException($"Unknown option '{args[i]}'.");
            }
        }

        if (settings.ModulePath.Length == 0 || settings.ScriptPath.Length == 0 || settings.PwshPath.Length == 0)
        {
            throw new FormatException("--module, --script and --pwsh are required.");
        }

        return settings;
    }
}
