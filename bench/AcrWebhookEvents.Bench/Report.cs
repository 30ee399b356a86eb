using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace AcrWebhookEvents.Bench;

/// <summary>Samples of one measurement: milliseconds per run, events of a run, requests per run, peak memory.</summary>
internal sealed record Measurement(double[] Times, long Count, double Requests, double PeakKiB);

/// <summary>One line of the table.</summary>
internal sealed record Row(string Scenario, string What, Measurement Measured, Row? Floor)
{
    internal double Median => Program.Median(Measured.Times);

    internal double Requests => Measured.Requests;

    internal double PeakKiB => Measured.PeakKiB;
}

/// <summary>Collects rows and renders them as Markdown.</summary>
internal sealed class Report
{
    private readonly List<Row> _rows = [];

    internal Row Add(string scenario, string what, Measurement measured, Row? floor = null)
    {
        var row = new Row(scenario, what, measured, floor);
        _rows.Add(row);
        string samples = string.Join(", ", measured.Times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)));
        Console.WriteLine(
            $"  {what}: median {row.Median:F1} ms of [{samples}], {measured.Count} events, "
                + $"{measured.Requests:0.##} requests");
        return row;
    }

    internal Row AddPwsh(string scenario, string what, Measurement measured, Row floor) =>
        Add(scenario, what, measured, floor);

    internal string Render(string machine, BenchSettings settings, IEnumerable<string> goals)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}.");
        string samples = string.Create(
            CultureInfo.InvariantCulture,
            $"Samples: {settings.Samples} in-process after {settings.Warmup} warm-up runs, {settings.PwshSamples} per "
                + $"pwsh child after {settings.PwshWarmup} warm-up runs, {settings.MemorySamples} fresh pwsh per "
                + $"memory row, {settings.ImportSamples} for S5 (medians).");
        text.AppendLine(samples);
        text.AppendLine();
        text.AppendLine("| Scenario | Measured | Median | vs floor | Events | Requests | Peak RSS (pwsh) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (Row row in _rows)
        {
            string ratio = row.Floor is null ? "1.00x" : $"{row.Median / row.Floor.Median:F2}x";
            if (row.Scenario == "S5")
            {
                ratio = "";
            }

            string peak = double.IsNaN(row.PeakKiB) ? "" : $"{row.PeakKiB / 1024:F0} MiB";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.What} | {row.Median:F1} ms | {ratio} | {row.Measured.Count} | "
                    + $"{row.Requests:0.##} | {peak} |");
        }

        text.AppendLine();
        foreach (string goal in goals)
        {
            text.AppendLine(goal);
        }

        return text.ToString();
    }
}

/// <summary>What the table's numbers depend on: cores, memory, OS, runtime, and how busy the machine was.</summary>
internal static class Machine
{
    internal static string Describe()
    {
        string os = RuntimeInformation.OSDescription;
        const string OsRelease = "/etc/os-release";
        if (File.Exists(OsRelease))
        {
            string? pretty = File.ReadLines(OsRelease)
                .FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null)
            {
                os = pretty["PRETTY_NAME=".Length..].Trim('"') + " (" + RuntimeInformation.OSArchitecture + ")";
            }
        }

        string memory = "unknown memory";
        if (File.Exists("/proc/meminfo"))
        {
            string? total = File.ReadLines("/proc/meminfo")
                .FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            string[] fields = total?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (fields.Length > 1 && long.TryParse(fields[1], out long kib))
            {
                memory = $"{kib / 1024.0 / 1024.0:F1} GiB";
            }
        }

        // Other processes share the cores: the load average says how much the medians may have suffered.
        string load = File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "n/a";
        return $"{Environment.ProcessorCount} cores, {memory}, {os}, {RuntimeInformation.FrameworkDescription}, "
            + $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average at start {load}";
    }
}
