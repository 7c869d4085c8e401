using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>
/// The project's RESP2 client: one pipelined connection shared by all callers (thread-safe), command timeouts,
/// and reconnection with bounded, jittered exponential backoff when the connection drops. Commands in flight when
/// it drops fail with <see cref="RedisConnectionException"/>; commands sent while it is down wait for the
/// reconnect up to the command timeout.
/// </summary>
public sealed class RedisClient : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private RedisConnection? _connection;
    private Task<RedisConnection>? _reconnect;
    private Exception? _lastError;
    private bool _disposed;

    private RedisClient(RedisOptions options, ILogger? logger)
    {
        Options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    public RedisOptions Options { get; }

    /// <summary>Connects (TLS, AUTH, PING) and fails right away if that does not work, e.g. WRONGPASS.</summary>
    public static async Task<RedisClient> ConnectAsync(RedisOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new RedisClient(options, logger);
        client._connection = await RedisConnection.OpenAsync(options, client.OnConnectionFailed, ct);
        return client;
    }

    /// <summary>Sends one command; an error reply throws <see cref="RedisServerException"/>.</summary>
    public async Task<RedisReply> ExecuteAsync(RedisCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var replies = await ExecuteBatchAsync([command], ct);
        return replies[0].ThrowIfError(command.Name);
    }

    /// <summary>
    /// Sends all commands with one flush and returns their replies in order. Error replies are returned, not thrown,
    /// so one failed command does not hide the others' results. The timeout covers the whole batch.
    /// </summary>
    public async Task<IReadOnlyList<RedisReply>> ExecuteBatchAsync(IReadOnlyList<RedisCommand> commands, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count == 0)
        {
            return [];
        }

        var started = Stopwatch.GetTimestamp();
        var connection = await GetConnectionAsync(commands, ct);
        var remaining = Options.CommandTimeout - Stopwatch.GetElapsedTime(started);
        try
        {
            return await connection.SendAsync(commands, ct).WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, ct);
        }
        catch (TimeoutException)
        {
            var error = new RedisTimeoutException(
                $"Redis {Describe(commands)} got no reply from {Options.Endpoint} within {Options.CommandTimeout.TotalMilliseconds:0} ms; the connection is reset");

            // Replies still owed would hold up every later command (a blocked BLPOP, a stuck server): start afresh.
            connection.Fail(error);
            throw error;
        }
    }

    /// <summary>MULTI, the commands, EXEC in one batch; returns EXEC's results. Any error reply throws.</summary>
    public async Task<IReadOnlyList<RedisReply>> ExecuteTransactionAsync(IReadOnlyList<RedisCommand> commands, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var replies = await ExecuteBatchAsync([.. RedisTransaction.Wrap(commands)], ct);
        return RedisTransaction.Results(replies, 0, commands);
    }

    public async ValueTask DisposeAsync()
    {
        RedisConnection? connection;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connection = _connection;
            _connection = null;
        }

        await _lifetime.CancelAsync();
        connection?.Fail(new ObjectDisposedException(nameof(RedisClient)));
        _lifetime.Dispose();
    }

    internal static string Describe(IReadOnlyList<RedisCommand> commands) => commands.Count == 1
        ? commands[0].Name
        : $"batch of {commands.Count} commands ({string.Join(", ", commands.Select(c => c.Name).Distinct().Take(4))})";

    private async ValueTask<RedisConnection> GetConnectionAsync(IReadOnlyList<RedisCommand> commands, CancellationToken ct)
    {
        while (true)
        {
            Task<RedisConnection> reconnect;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_connection is { IsAlive: true } live)
                {
                    return live;
                }

                reconnect = StartReconnect();
            }

            try
            {
                var connection = await reconnect.WaitAsync(Options.CommandTimeout, ct);
                if (connection.IsAlive)
                {
                    return connection;
                }
            }
            catch (TimeoutException)
            {
                var last = Volatile.Read(ref _lastError);
                throw new RedisConnectionException(
                    $"Redis at {Options.Endpoint} is unreachable (reconnecting); {Describe(commands)} was not sent. Last error: {last?.Message ?? "none"}",
                    last ?? new TimeoutException());
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(RedisClient));
            }
        }
    }

    /// <summary>Called under <see cref="_gate"/>: one reconnect loop at a time.</summary>
    private Task<RedisConnection> StartReconnect()
    {
        if (_reconnect is null || _reconnect.IsCompleted)
        {
            _reconnect = ReconnectLoopAsync();
        }

        return _reconnect;
    }

    private void OnConnectionFailed(RedisConnection connection, Exception reason)
    {
        lock (_gate)
        {
            if (_disposed || !ReferenceEquals(_connection, connection))
            {
                return;
            }

            _connection = null;
            Volatile.Write(ref _lastError, reason);
            _logger.LogWarning("Redis connection to {Endpoint} lost ({Reason}); reconnecting", Options.Endpoint, reason.Message);
            StartReconnect();
        }
    }

    private async Task<RedisConnection> ReconnectLoopAsync()
    {
        await Task.Yield(); // never complete inside the caller's lock
        for (var attempt = 0; ; attempt++)
        {
            _lifetime.Token.ThrowIfCancellationRequested();
            try
            {
                var connection = await RedisConnection.OpenAsync(Options, OnConnectionFailed, _lifetime.Token);
                lock (_gate)
                {
                    if (_disposed)
                    {
                        connection.Fail(new ObjectDisposedException(nameof(RedisClient)));
                        throw new OperationCanceledException(_lifetime.Token);
                    }

                    _connection = connection;
                }

                _logger.LogInformation("Redis connection to {Endpoint} re-established after {Attempts} attempt(s)", Options.Endpoint, attempt + 1);
                return connection;
            }
            catch (Exception ex) when (ex is RedisException or IOException or System.Net.Sockets.SocketException)
            {
                Volatile.Write(ref _lastError, ex);
                _logger.LogDebug("Redis reconnect attempt {Attempt} to {Endpoint} failed: {Error}", attempt + 1, Options.Endpoint, ex.Message);
            }

            await Task.Delay(RedisBackoff.Delay(attempt, Options.ReconnectMinDelay, Options.ReconnectMaxDelay), _lifetime.Token);
        }
    }
}
