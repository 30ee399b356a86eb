using System.Diagnostics;
using System.Globalization;
using System.Security;
using AcrWebhookEvents.Engine;
using AcrWebhookEvents.FakeArm;
using Azure.Core.Pipeline;

namespace AcrWebhookEvents.Bench;

/// <summary>
/// Starts the fake ARM server in this process and measures, in one run, the raw HttpClient floor, the engine and
/// the cmdlet on the same data. The fake serves pages serialised once and cached, so what is measured is the
/// client. Prints a Markdown table of medians and the goals met or missed.
/// </summary>
internal static class Program
{
    private const string Subscription = "0b5e7c1d-4e2f-4a6b-9c8d-7e6f5a4b3c2d";
    private const string Group = "bench-rg";
    private const string SingleRegistry = "benchsingle";
    private const string FanOutRegistry = "benchfanout";
    private const string BigRegistry = "benchbig";
    private const string SingleHook = "pagedhook";
    private const string BigHook = "bighook";
    private const string SlowHook = "slowhook";
    private const int SlowLatencyMs = 20;
    private const int FanOutHooks = 20;
    private const int FanOutLatencyMs = 40;

    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--micro")
        {
            // BenchmarkDotNet's own command line follows, e.g. --filter *Parse*.
            BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
            return 0;
        }

        BenchSettings settings;
        try
        {
            settings = BenchSettings.Parse(args);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"{ex.Message}\n{BenchSettings.Usage}");
            return 2;
        }

        string stateDirectory = Path.Combine(Path.GetTempPath(), "acrwh-bench-" + Environment.ProcessId);
        try
        {
            return await RunAsync(settings, stateDirectory);
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    private static async Task<int> RunAsync(BenchSettings settings, string stateDirectory)
    {
        string machine = Machine.Describe();
        Console.WriteLine(machine);
        Console.WriteLine("Preparing the fake ARM server (200 000 generated events take a few seconds)...");
        await using FakeArmServer fake =
            await FakeArmServer.StartAsync(new FakeArmOptions { StateDirectory = stateDirectory });
        string token = "bench-" + Guid.NewGuid().ToString("N");
        fake.State.AddAcceptedToken(token);
        FakeArmState state = fake.State;
        state.AddWebhook(Subscription, Group, SingleRegistry, SingleHook, 200 * 100, pageSize: 100);
        state.AddWebhook(Subscription, Group, BigRegistry, BigHook, 200_000, pageSize: 100);
        state.AddWebhook(Subscription, Group, SingleRegistry, SlowHook, 50 * 100, pageSize: 100)
            .Faults.LatencyMs = SlowLatencyMs;
        var fanOut = new List<WebhookAddress>();
        for (int i = 1; i <= FanOutHooks; i++)
        {
            string name = "fanhook" + i.ToString("D2", CultureInfo.InvariantCulture);
            state.AddWebhook(Subscription, Group, FanOutRegistry, name, 3 * 50, pageSize: 50)
                .Faults.LatencyMs = FanOutLatencyMs;
            fanOut.Add(new WebhookAddress(Subscription, Group, FanOutRegistry, name));
        }

        var single = new WebhookAddress(Subscription, Group, SingleRegistry, SingleHook);
        var big = new WebhookAddress(Subscription, Group, BigRegistry, BigHook);
        var slow = new WebhookAddress(Subscription, Group, SingleRegistry, SlowHook);
        using var raw = new RawClient(fake.CreateTrustingHandler(), token);
        var engine = new AcrEngine(new HttpClientTransport(fake.CreateTrustingHandler()));
        using IAcrConnection connection = await engine.ConnectAsync(
            new AcrConnectOptions
            {
                AuthMethod = AcrAuthMethod.AccessToken,
                AccessToken = Secure(token),
                ResourceManagerUrl = fake.ArmUri,
                SubscriptionId = Subscription,
            },
            CancellationToken.None);
        var timer = new InProcessTimer(state, settings.Samples, settings.Warmup);
        var pwsh = new PwshJob(settings, fake.CaFile!);
        string[] signIn = ["-ArmUrl", fake.ArmUri.ToString(), "-Token", token, "-SubscriptionId", Subscription];
        var report = new Report();

        // Every page of the big webhook is serialised once up front, so no sample pays for the fake's cache.
        Console.WriteLine("Warming the fake's page cache...");
        await raw.CountAsync(ListEvents(fake, big), int.MaxValue, CancellationToken.None);
        await raw.CountAsync(ListEvents(fake, single), int.MaxValue, CancellationToken.None);

        Console.WriteLine("S1: one webhook, 200 pages x 100 events");
        Row s1Raw = report.Add("S1", "raw HttpClient (floor)", await timer.TimeAsync(
            () => raw.CountAsync(ListEvents(fake, single), int.MaxValue, CancellationToken.None)));
        Row s1Engine = report.Add("S1", "engine (page reader)", await timer.TimeAsync(
            () => EngineCountAsync(connection, single, int.MaxValue)), s1Raw);
        // The cmdlet runs in another process than the fake, under pwsh's runtime settings; its floor is the same raw
        // loop run under those conditions, in a pwsh child of its own.
        Row s1PwshRaw = report.AddPwsh("S1", "raw HttpClient in a pwsh child (the cmdlet's floor)", await TimePwshAsync(
            pwsh, state, settings, [.. signIn, .. Query(single), "-RawFloor"]), s1Raw);
        Row s1Cmdlet = report.AddPwsh("S1", "cmdlet \\| Measure-Object", await TimePwshAsync(
            pwsh, state, settings, [.. signIn, .. Query(single)]), s1PwshRaw);

        // Loopback answers a page in about a millisecond; ARM takes tens. The same read with a little latency shows
        // what the client's own cost weighs once the network is not free.
        Console.WriteLine($"S1b: one webhook, 50 pages x 100 events, {SlowLatencyMs} ms server latency");
        Row s1bRaw = report.Add("S1b", "raw HttpClient (floor)", await timer.TimeAsync(
            () => raw.CountAsync(ListEvents(fake, slow), int.MaxValue, CancellationToken.None)));
        report.Add("S1b", "engine (page reader)", await timer.TimeAsync(
            () => EngineCountAsync(connection, slow, int.MaxValue)), s1bRaw);
        report.AddPwsh("S1b", "cmdlet \\| Measure-Object", await TimePwshAsync(
            pwsh, state, settings, [.. signIn, .. Query(slow)]), s1bRaw);

        Console.WriteLine("S2: first event only");
        Row s2Raw = report.Add("S2", "raw HttpClient (floor)", await timer.TimeAsync(
            () => raw.CountAsync(ListEvents(fake, single), 1, CancellationToken.None)));
        report.Add("S2", "engine (page reader), first page", await timer.TimeAsync(
            () => EngineCountAsync(connection, single, 1)), s2Raw);
        Row s2Cmdlet = report.AddPwsh("S2", "cmdlet -First 1", await TimePwshAsync(
            pwsh, state, settings, [.. signIn, .. Query(single), "-First", "1"]), s2Raw);

        Console.WriteLine($"S3: {FanOutHooks} webhooks x 3 pages x 50 events, {FanOutLatencyMs} ms server latency");
        Row s3Raw = report.Add("S3", "raw HttpClient, one webhook after another (floor)", await timer.TimeAsync(
            async () =>
            {
                int total = 0;
                foreach (WebhookAddress hook in fanOut)
                {
                    total += await raw.CountAsync(ListEvents(fake, hook), int.MaxValue, CancellationToken.None);
                }

                return total;
            }));
        report.Add("S3", "engine stream, throttle 1", await timer.TimeAsync(
            () => EngineStreamCountAsync(connection, fanOut, 1)), s3Raw);
        report.Add("S3", "engine stream, throttle 10", await timer.TimeAsync(
            () => EngineStreamCountAsync(connection, fanOut, 10)), s3Raw);
        string[] registry = ["-ResourceGroupName", Group, "-RegistryName", FanOutRegistry];
        Row s3Serial = report.AddPwsh("S3", "cmdlet -ThrottleLimit 1 (one after another)", await TimePwshAsync(
            pwsh, state, settings, [.. signIn, .. registry, "-ThrottleLimit", "1"]), s3Raw);
        Row s3Cmdlet = report.AddPwsh("S3", "cmdlet, whole registry (default -ThrottleLimit 10)", await TimePwshAsync(
            pwsh, state, settings, [.. signIn, .. registry]), s3Raw);

        Console.WriteLine("S4: 200 000 events, peak memory of a fresh pwsh against S1's");
        Row s4Raw = report.Add("S4", "raw HttpClient (floor)", await new InProcessTimer(state, 3).TimeAsync(
            () => raw.CountAsync(ListEvents(fake, big), int.MaxValue, CancellationToken.None)));
        Row s1Memory = report.AddPwsh("S4", "cmdlet, S1 in a fresh pwsh (memory reference)", await FreshPwshAsync(
            pwsh, state, settings.MemorySamples, [.. signIn, .. Query(single)]), s1Raw);
        Row s4Cmdlet = report.AddPwsh("S4", "cmdlet, 200 000 events in a fresh pwsh", await FreshPwshAsync(
            pwsh, state, settings.MemorySamples, [.. signIn, .. Query(big)]), s4Raw);

        Console.WriteLine("S5: Import-Module in a freshly started pwsh");
        var imports = new List<PwshResult>();
        for (int i = 0; i < settings.ImportSamples; i++)
        {
            imports.Add(await pwsh.RunAsync(["-ImportOnly"]));
        }

        Row s5 = report.Add("S5", "Import-Module, fresh pwsh", new Measurement(
            imports.Select(r => r.ImportMs).ToArray(), 0, 0, Median(imports.Select(r => (double)r.PeakKiB))));

        string pwshVersion = imports[0].PwshVersion;
        var goals = new List<string>
        {
            Goal("S1 cmdlet within 1.2x of the raw floor run in pwsh", s1Cmdlet.Median / s1PwshRaw.Median <= 1.2,
                $"{s1Cmdlet.Median / s1PwshRaw.Median:F2}x (engine in-process: {s1Engine.Median / s1Raw.Median:F2}x "
                    + "of the in-process floor)"),
            Goal("S2 exactly one request", s2Cmdlet.Requests == 1, $"{s2Cmdlet.Requests} request(s)"),
            Goal("S3 fan-out at least 8x faster than one after another", s3Serial.Median / s3Cmdlet.Median >= 8,
                $"{s3Serial.Median / s3Cmdlet.Median:F1}x"),
            Goal("S4 peak memory within 15% of S1's", s4Cmdlet.PeakKiB <= s1Memory.PeakKiB * 1.15,
                $"{s4Cmdlet.PeakKiB / 1024:F0} MiB against {s1Memory.PeakKiB / 1024:F0} MiB "
                    + $"({(s4Cmdlet.PeakKiB / s1Memory.PeakKiB - 1) * 100:+0;-0}%)"),
            Goal("S5 Import-Module well under 150 ms", s5.Median < 150, $"{s5.Median:F0} ms"),
        };
        string text = report.Render(machine + $", PowerShell {pwshVersion}", settings, goals);
        Console.WriteLine();
        Console.WriteLine(text);
        if (settings.OutputPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(settings.OutputPath)!);
            await File.WriteAllTextAsync(settings.OutputPath, text);
            Console.WriteLine($"Written to {settings.OutputPath}");
        }

        return 0;
    }

    private static string[] Query(WebhookAddress hook) =>
        [
            "-ResourceGroupName", hook.ResourceGroupName,
            "-RegistryName", hook.RegistryName,
            "-WebhookName", hook.WebhookName,
        ];

    private static Uri ListEvents(FakeArmServer fake, WebhookAddress hook) =>
        new(fake.ArmUri, hook.ResourceId.TrimStart('/') + "/listEvents?api-version=" + AcrNames.DefaultApiVersion);

    private static async Task<int> EngineCountAsync(IAcrConnection connection, WebhookAddress hook, int stopAfter)
    {
        IEventPageReader reader = connection.OpenEvents(hook, new EventQueryOptions());
        int count = 0;
        EventPage? page;
        while (count < stopAfter && (page = await reader.ReadNextPageAsync(CancellationToken.None)) is not null)
        {
            count += page.Events.Count;
        }

        return count;
    }

    private static async Task<int> EngineStreamCountAsync(
        IAcrConnection connection, IReadOnlyList<WebhookAddress> hooks, int throttleLimit)
    {
        using IEventStream stream = connection.OpenEventStream(hooks, new EventQueryOptions(), throttleLimit);
        int count = 0;
        EventBatch? batch;
        while ((batch = await stream.NextAsync(CancellationToken.None)) is not null)
        {
            count += batch.Page?.Events.Count ?? throw batch.Error!;
        }

        return count;
    }

    /// <summary>One pwsh child: warm-up runs, then the samples; requests are counted per run.</summary>
    private static async Task<Measurement> TimePwshAsync(
        PwshJob pwsh, FakeArmState state, BenchSettings settings, string[] arguments)
    {
        state.ResetLog();
        string warmup = settings.PwshWarmup.ToString(CultureInfo.InvariantCulture);
        string samples = settings.PwshSamples.ToString(CultureInfo.InvariantCulture);
        PwshResult result = await pwsh.RunAsync([.. arguments, "-Warmup", warmup, "-Samples", samples]);
        int runs = settings.PwshWarmup + settings.PwshSamples;
        return new Measurement(result.Times, result.Count, PerRun(state.RequestCount(), runs), result.PeakKiB);
    }

    /// <summary>A fresh pwsh per sample, one cold run each, so its peak resident memory is that run's alone.</summary>
    private static async Task<Measurement> FreshPwshAsync(
        PwshJob pwsh, FakeArmState state, int processes, string[] arguments)
    {
        var results = new List<PwshResult>();
        state.ResetLog();
        for (int i = 0; i < processes; i++)
        {
            results.Add(await pwsh.RunAsync([.. arguments, "-Warmup", "0", "-Samples", "1"]));
        }

        return new Measurement(
            results.SelectMany(r => r.Times).ToArray(),
            results[^1].Count,
            PerRun(state.RequestCount(), processes),
            Median(results.Select(r => (double)r.PeakKiB)));
    }

    internal static double PerRun(int requests, int runs) => (double)requests / runs;

    internal static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Goal(string goal, bool met, string measured) =>
        $"- {(met ? "met" : "MISSED")}: {goal}: {measured}";

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}

/// <summary>Times something in this process: one warm-up run, then the samples, counting requests per run.</summary>
internal sealed class InProcessTimer(FakeArmState state, int samples, int warmup = 1)
{
    internal async Task<Measurement> TimeAsync(Func<Task<int>> run)
    {
        for (int i = 0; i < warmup; i++)
        {
            await run();
        }

        state.ResetLog();
        var times = new double[samples];
        int count = 0;
        for (int i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            count = await run();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        return new Measurement(times, count, Program.PerRun(state.RequestCount(), samples), double.NaN);
    }
}
