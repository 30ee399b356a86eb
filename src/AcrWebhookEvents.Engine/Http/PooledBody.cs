using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// One answer's body, read whole into an array rented from <see cref="ArrayPool{T}.Shared"/> and given back on
    /// <see cref="Dispose"/>. A listEvents page is about 100 KB: read into fresh arrays, every page would land on the
    /// large object heap, and each such allocation brings the next full garbage collection closer.
    /// </summary>
    internal sealed class PooledBody : IDisposable
    {
        internal static readonly PooledBody Empty = new PooledBody(null, 0);

        private const int FirstRent = 16 * 1024;

        // Far above any ARM answer; a body this long is refused rather than buffered.
        internal const int MaxLength = 256 * 1024 * 1024;

        private byte[]? _buffer;
        private readonly int _length;

        private PooledBody(byte[]? buffer, int length)
        {
            _buffer = buffer;
            _length = length;
        }

        /// <summary>The body's bytes; valid until <see cref="Dispose"/>.</summary>
        /// <exception cref="ObjectDisposedException">The buffer was given back.</exception>
        internal ReadOnlyMemory<byte> Memory
        {
            get
            {
                byte[]? buffer = _buffer;
                if (buffer is null)
                {
                    return ReferenceEquals(this, Empty)
                        ? ReadOnlyMemory<byte>.Empty
                        : throw new ObjectDisposedException(nameof(PooledBody));
                }

                return new ReadOnlyMemory<byte>(buffer, 0, _length);
            }
        }

        /// <summary>Reads <paramref name="content"/> to its end.</summary>
        /// <param name="content">The body, as the transport hands it out.</param>
        /// <param name="declaredLength">The Content-Length the server sent, if any: the first rent's size.</param>
        /// <param name="cancellationToken">Cancels the read.</param>
        /// <param name="maxLength">The longest body accepted.</param>
        /// <exception cref="IOException">The connection broke before the end of the body.</exception>
        /// <exception cref="AcrException">The body is longer than <paramref name="maxLength"/>.</exception>
        internal static async Task<PooledBody> ReadAsync(
            Stream content,
            long? declaredLength,
            CancellationToken cancellationToken,
            int maxLength = MaxLength)
        {
            int first = declaredLength is long declared && declared > 0 && declared < maxLength
                ? (int)declared + 1 // one spare byte, so the end is seen without renting again
                : FirstRent;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(first);
            int length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length, maxLength);
                    }

                    int read = await content.ReadAsync(buffer, length, buffer.Length - length, cancellationToken)
                        .ConfigureAwait(false);
                    if (read == 0)
                    {
                        return new PooledBody(buffer, length);
                    }

                    length += read;
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        /// <summary>A stream over the bytes, for Azure.Core's <c>Response.Content</c>; no copy is made.</summary>
        internal MemoryStream AsStream() =>
            new MemoryStream(_buffer ?? Array.Empty<byte>(), 0, _length, writable: false, publiclyVisible: true);

        /// <summary>Gives the buffer back to the pool; later reads of <see cref="Memory"/> throw.</summary>
        public void Dispose()
        {
            byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer != null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static byte[] Grow(byte[] buffer, int length, int maxLength)
        {
            if (length >= maxLength)
            {
                // Not an IOException: a retry would only read the same answer again.
                throw new AcrException(
                    AcrErrorKind.InvalidData,
                    $"The answer's body is longer than {maxLength} bytes; no ARM answer is that long.");
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(maxLength, buffer.Length * 2));
            Buffer.BlockCopy(buffer, 0, larger, 0, length);
            ArrayPool<byte>.Shared.Return(buffer);
            return larger;
        }
    }
}
