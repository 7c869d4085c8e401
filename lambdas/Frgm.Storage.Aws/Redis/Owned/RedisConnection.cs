using System.Buffers;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>
/// One live request/response connection with pipelining: any number of batches are written back to back and their
/// replies matched FIFO by a single read loop. When anything goes wrong the connection fails as a whole: every
/// waiting batch gets a <see cref="RedisConnectionException"/> and the owner is told, so it can reconnect.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly RedisOptions _options;
    private readonly Stream _stream;
    private readonly RespStreamReader _reader;
    private readonly Action<RedisConnection, Exception> _onFailed;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _writeBuffer = new(FlushThreshold * 2);
    private readonly Queue<PendingBatch> _pending = new();
    private readonly CancellationTokenSource _lifetime = new();
    private Exception? _failure;

    private RedisConnection(RedisOptions options, Stream stream, RespStreamReader reader, Action<RedisConnection, Exception> onFailed)
    {
        _options = options;
        _stream = stream;
        _reader = reader;
        _onFailed = onFailed;
    }

    public bool IsAlive => Volatile.Read(ref _failure) is null;

    public static async Task<RedisConnection> OpenAsync(RedisOptions options, Action<RedisConnection, Exception> onFailed, CancellationToken ct)
    {
        var (stream, reader) = await RedisTransport.OpenAsync(options, ct);
        var connection = new RedisConnection(options, stream, reader, onFailed);
        _ = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Writes the batch in one go (no other caller's command in between) and completes with its replies.</summary>
    public async Task<RedisReply[]> SendAsync(IReadOnlyList<RedisCommand> commands, CancellationToken ct)
    {
        var batch = new PendingBatch(commands.Count, RedisClient.Describe(commands));
        await _writeLock.WaitAsync(ct);
        try
        {
            lock (_pending)
            {
                if (_failure is not null)
                {
                    throw Lost(_failure, batch.Description);
                }

                _pending.Enqueue(batch);
            }

            // The lifetime token, not the caller's: a write cancelled half way would corrupt the stream.
            foreach (var command in commands)
            {
                RespWriter.Write(_writeBuffer, command);
                if (_writeBuffer.WrittenCount >= FlushThreshold)
                {
                    await WriteBufferAsync();
                }
            }

            await WriteBufferAsync();
            await _stream.FlushAsync(_lifetime.Token);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            Fail(ex);
        }
        finally
        {
            _writeBuffer.ResetWrittenCount();
            _writeLock.Release();
        }

        return await batch.Task;
    }

    /// <summary>Fails the connection: in-flight batches error out, the stream closes, the owner is notified once.</summary>
    public void Fail(Exception reason)
    {
        List<PendingBatch> orphans;
        lock (_pending)
        {
            if (_failure is not null)
            {
                return;
            }

            Volatile.Write(ref _failure, reason);
            orphans = [.. _pending];
            _pending.Clear();
        }

        foreach (var batch in orphans)
        {
            batch.Fail(Lost(reason, batch.Description));
        }

        _lifetime.Cancel();
        _stream.Dispose();
        _onFailed(this, reason);
    }

    /// <summary>
    /// Fails the connection. The semaphore and token source are left to the GC on purpose: neither holds an
    /// OS handle here, and disposing them could strand a writer still inside the lock.
    /// </summary>
    public void Dispose() => Fail(new ObjectDisposedException(nameof(RedisConnection)));

    private async Task WriteBufferAsync()
    {
        if (_writeBuffer.WrittenCount > 0)
        {
            await _stream.WriteAsync(_writeBuffer.WrittenMemory, _lifetime.Token);
            _writeBuffer.ResetWrittenCount();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var reply = await _reader.ReadAsync(_lifetime.Token);
                PendingBatch? head;
                lock (_pending)
                {
                    _pending.TryPeek(out head);
                }

                if (head is null)
                {
                    throw new RedisProtocolException("reply received with no command waiting for it");
                }

                if (head.Add(reply))
                {
                    lock (_pending)
                    {
                        _pending.TryDequeue(out _);
                    }

                    head.Complete();
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex is EndOfStreamException ? new RedisConnectionException("the server closed the connection", ex) : ex);
        }
    }

    private RedisConnectionException Lost(Exception reason, string what) => reason is RedisTimeoutException
        ? new RedisConnectionException($"connection to Redis at {_options.Endpoint} was reset after a timeout, {what} not answered: {reason.Message}", reason)
        : new RedisConnectionException($"connection to Redis at {_options.Endpoint} lost with {what} in flight: {reason.Message}", reason);

    private sealed class PendingBatch(int count, string description)
    {
        public string Description => description;

        private readonly RedisReply[] _replies = new RedisReply[count];
        private readonly TaskCompletionSource<RedisReply[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _filled;

        public Task<RedisReply[]> Task => _done.Task;

        /// <summary>Records the next reply; true when the batch is complete.</summary>
        public bool Add(RedisReply reply)
        {
            _replies[_filled++] = reply;
            return _filled == _replies.Length;
        }

        public void Complete() => _done.TrySetResult(_replies);

        public void Fail(Exception error) => _done.TrySetException(error);
    }
}
