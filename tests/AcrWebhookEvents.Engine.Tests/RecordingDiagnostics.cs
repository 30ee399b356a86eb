using System.Collections.Concurrent;

namespace AcrWebhookEvents.Engine.Tests;

/// <summary>Keeps what the engine reports, per stream, for assertions.</summary>
internal sealed class RecordingDiagnostics : IAcrDiagnostics
{
    public ConcurrentQueue<string> VerboseMessages { get; } = new();

    public ConcurrentQueue<string> DebugMessages { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public string All => string.Join("\n", VerboseMessages.Concat(DebugMessages).Concat(Warnings));

    public void Verbose(string message) => VerboseMessages.Enqueue(message);

    public void Debug(string message) => DebugMessages.Enqueue(message);

    public void Warning(string message) => Warnings.Enqueue(message);
}
