using System.Diagnostics;
using System.Text.Json;

namespace AcrWebhookEvents.Bench;

/// <summary>What one pwsh child measured about itself.</summary>
internal sealed record PwshResult(double ImportMs, double[] Times, long Count, long PeakKiB, string PwshVersion);

/// <summary>Starts bench/Measure-Cmdlet.ps1 in a fresh pwsh that trusts the fake's CA; reads its JSON line.</summary>
internal sealed class PwshJob(BenchSettings settings, string caFile)
{
    internal async Task<PwshResult> RunAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(settings.PwshPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string prefix in settings.PwshPrefix)
        {
            start.ArgumentList.Add(prefix);
        }

        foreach (string argument in new[] { "-NoProfile", "-NonInteractive", "-File", settings.ScriptPath })
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("-ModulePath");
        start.ArgumentList.Add(settings.ModulePath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // SSL_CERT_FILE is read when the child starts: that is how its default transport trusts the fake.
        start.Environment["SSL_CERT_FILE"] = caFile;
        start.Environment["NO_COLOR"] = "1";
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["AZURE_TOKEN_CREDENTIALS"] = "dev";

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("A pwsh benchmark child ran for more than 10 minutes and was stopped.");
        }

        string output = await stdout;
        string errors = await stderr;
        string? line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException(
                $"pwsh {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}\n{errors}");
        }

        using JsonDocument json = JsonDocument.Parse(line);
        JsonElement root = json.RootElement;
        double[] times = root.GetProperty("times").EnumerateArray().Select(t => t.GetDouble()).ToArray();
        return new PwshResult(
            root.GetProperty("importMs").GetDouble(),
            times,
            root.GetProperty("count").GetInt64(),
            root.GetProperty("peakKiB").GetInt64(),
            root.GetProperty("pwsh").GetString() ?? "?");
    }
}
