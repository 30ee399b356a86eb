using System.Threading;
using System.Threading.Tasks;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// The module's process-wide sign-in context. Thread-safe, so ForEach-Object -Parallel and thread jobs share it.
    /// </summary>
    internal static class AcrSession
    {
        private static readonly object Gate = new object();
        private static IAcrConnection? _current;

        internal static IAcrConnection? Current => Volatile.Read(ref _current);

        internal static void Set(IAcrConnection connection)
        {
            IAcrConnection? previous;
            lock (Gate)
            {
                previous = _current;
                _current = connection;
            }

            previous?.Dispose();
        }

        internal static IAcrConnection? Clear()
        {
            IAcrConnection? previous;
            lock (Gate)
            {
                previous = _current;
                _current = null;
            }

            previous?.Dispose();
            return previous;
        }

        /// <summary>
        /// The current connection, or one on the default chain against the public cloud when nobody connected.
        /// </summary>
        internal static IAcrConnection GetOrConnectImplicitly(CancellationToken cancellationToken)
        {
            IAcrConnection? current = Current;
            if (current != null)
            {
                return current;
            }

            lock (Gate)
            {
                if (_current is null)
                {
                    // Implicit connections do no I/O up front, so waiting here while holding the lock is brief.
                    Task<IAcrConnection> connect = EngineLoader.Engine.ConnectAsync(
                        new AcrConnectOptions { AuthMethod = AcrAuthMethod.DefaultChain, Implicit = true },
                        cancellationToken);
                    _current = connect.GetAwaiter().GetResult();
                }

                return _current;
            }
        }
    }
}
