using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// What every cmdlet of the module shares: one cancellation source per invocation, cancelled by Ctrl+C
    /// (StopProcessing), and a way to wait for engine work on the pipeline thread.
    /// </summary>
    public abstract class AcrCmdlet : PSCmdlet, IDisposable
    {
        private static readonly TimeSpan DiagnosticsInterval = TimeSpan.FromMilliseconds(250);
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        /// <summary>Cancelled when the user stops the command or a downstream command stops the pipeline.</summary>
        protected CancellationToken Cancellation => _cancellation.Token;

        /// <summary>Waits for engine work; a user stop becomes PowerShell's own pipeline stop, not an error.</summary>
        protected T WaitFor<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Waits for engine work, writing what the engine reports meanwhile: a retry wait of a minute is shown while
        /// it happens, not after.
        /// </summary>
        internal T WaitFor<T>(Task<T> task, QueuedDiagnostics diagnostics)
        {
            while (!task.IsCompleted && Task.WaitAny(new Task[] { task }, DiagnosticsInterval) < 0)
            {
                diagnostics.Flush(this);
            }

            diagnostics.Flush(this);
            return WaitFor(task);
        }

        /// <summary>Waits for engine work that returns nothing (a pause between polls, say).</summary>
        protected void WaitFor(Task task)
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <inheritdoc/>
        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>
        /// Cancels whatever is still in flight (a downstream Select-Object -First ends us without EndProcessing).
        /// </summary>
        public void Dispose()
        {
            _cancellation.Cancel();
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
