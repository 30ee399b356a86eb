using System.Security.Cryptography;
using AcrWebhookEvents.Engine.Http;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

public sealed class PooledBodyTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(10, null)]
    [InlineData(300_000, null)] // no Content-Length (chunked): the buffer grows several times
    [InlineData(300_000, 300_000L)]
    [InlineData(300_000, 1_000L)] // a Content-Length that lies short
    [InlineData(1_000, 300_000L)] // and one that lies long
    public async Task ReadAsync_ReturnsExactlyTheBytesSent(int length, long? declared)
    {
        byte[] sent = RandomNumberGenerator.GetBytes(length);
        using var stream = new TrickleStream(sent);

        using PooledBody body = await PooledBody.ReadAsync(stream, declared, CancellationToken.None);

        Assert.Equal(sent, body.Memory.ToArray());
        Assert.Equal(sent, body.AsStream().ToArray());
    }

    [Fact]
    public async Task Memory_AfterDispose_Throws()
    {
        PooledBody body = await PooledBody.ReadAsync(new MemoryStream(new byte[100]), 100, CancellationToken.None);

        body.Dispose();
        body.Dispose();

        Assert.Throws<ObjectDisposedException>(() => body.Memory);
    }

    [Fact]
    public async Task ReadAsync_StreamBreaks_ThrowsTheStreamsError()
    {
        using var stream = new TrickleStream(new byte[50_000], failAfter: 20_000);

        await Assert.ThrowsAsync<IOException>(() => PooledBody.ReadAsync(stream, 50_000, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_BodyLongerThanTheLimit_IsRefusedAsInvalidDataNotRetriable()
    {
        using var stream = new TrickleStream(new byte[100_000]);

        AcrException ex = await Assert.ThrowsAsync<AcrException>(
            () => PooledBody.ReadAsync(stream, declaredLength: null, CancellationToken.None, maxLength: 40_000));

        Assert.Equal(AcrErrorKind.InvalidData, ex.Kind);
        Assert.IsNotAssignableFrom<IOException>(ex);
    }

    /// <summary>Hands out at most 7 000 bytes per read, as a network stream does, and can break part way.</summary>
    private sealed class TrickleStream(byte[] data, int failAfter = int.MaxValue) : MemoryStream(data)
    {
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (Position >= failAfter)
            {
                throw new IOException("The connection was reset.");
            }

            return base.ReadAsync(buffer, offset, Math.Min(count, 7_000), cancellationToken);
        }
    }
}
