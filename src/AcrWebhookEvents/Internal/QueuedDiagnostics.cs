using System.Collections.Concurrent;
using System.Management.Automation;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// Collects the engine's messages from any thread; the cmdlet writes them from the pipeline thread, the only
    /// thread on which PowerShell accepts them.
    /// </summary>
    internal sealed class QueuedDiagnostics : IAcrDiagnostics
    {
        private readonly ConcurrentQueue<(char Stream, string Text)> _messages = new ConcurrentQueue<(char, string)>();

        public void Verbose(string message) => _messages.Enqueue(('V', message));

        public void Debug(string message) => _messages.Enqueue(('D', message));

        public void Warning(string message) => _messages.Enqueue(('W', message));

        /// <summary>Writes what has been queued so far. Call only from the pipeline thread.</summary>
        internal void Flush(Cmdlet cmdlet)
        {
            while (_messages.TryDequeue(out (char Stream, string Text) message))
            {
                switch (message.Stream)
                {
                    case 'V':
                        cmdlet.WriteVerbose(message.Text);
                        break;
                    case 'D':
                        cmdlet.WriteDebug(message.Text);
                        break;
                    default:
                        cmdlet.WriteWarning(message.Text);
                        break;
                }
            }
        }
    }
}
