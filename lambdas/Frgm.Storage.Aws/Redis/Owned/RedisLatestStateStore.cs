using System.Globalization;
using System.Text.Json;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>
/// Latest state in MemoryDB/Redis. Keys (all under <c>frgm:{env}:</c>, see KEYS.md and <see cref="RedisKeys"/>):
/// <list type="bullet">
/// <item><c>prices</c> hash instrument → MarketPrice JSON, <c>prices:ts</c> hash instrument → UTC ticks; a Lua
/// script keeps the later timestamp atomically, 500 rows per call, calls pipelined.</item>
/// <item><c>orders:gen:&lt;guid&gt;</c> one working-order generation as a list (an order's JSON per element, RPUSHed a
/// batch at a time with a TTL until committed) and <c>orders:set</c> the hash naming the current one; a script switches
/// the hash atomically and the previous list is UNLINKed (freed in the background), so no read or write holds the set.</item>
/// <item><c>positions:&lt;yyyy-MM-dd&gt;</c> the date's positions as one JSON array, <c>positions:version:&lt;yyyy-MM-dd&gt;</c>
/// the facts version they were computed from, and <c>positions:date</c> the latest such date; one Lua script replaces
/// them unless a higher version is stored; all expire <see cref="PositionsTtl"/> after their last write
/// (history lives in DynamoDB).</item>
/// <item><c>feeds</c> hash feed → UTC ticks, only ever moved forward.</item>
/// </list>
/// </summary>
public sealed class RedisLatestStateStore : ILatestStateStore, IStoreProbe
{
    /// <summary>Rows per script call: large enough to amortise the call, small enough not to block the server long.</summary>
    public const int PricesPerCall = 500;

    public static readonly TimeSpan PositionsTtl = TimeSpan.FromDays(14);

    /// <summary>A staging key left behind by a dropped connection expires on its own.</summary>
    private const int StagingTtlSeconds = 600;

    private readonly RedisClient _client;

    public RedisLatestStateStore(RedisClient client, string environment)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Keys = new RedisKeys(environment);
    }

    public RedisKeys Keys { get; }

    public string Name => "redis";

    public async Task PingAsync(CancellationToken ct)
    {
        var reply = await _client.ExecuteAsync(new RedisCommand("PING"), ct);
        if (reply.AsString("PING") != "PONG")
        {
            throw new RedisProtocolException($"PING answered {reply}");
        }
    }

    public async Task<int> UpsertPricesAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var calls = new List<RedisArg[]>((prices.Count / PricesPerCall) + 1);
        for (var start = 0; start < prices.Count; start += PricesPerCall)
        {
            var count = Math.Min(PricesPerCall, prices.Count - start);
            var args = new RedisArg[count * 3];
            for (var i = 0; i < count; i++)
            {
                var price = prices[start + i];
                if (string.IsNullOrEmpty(price.Instrument))
                {
                    throw new ArgumentException($"price #{start + i + 1} has no instrument", nameof(prices));
                }

                args[i * 3] = price.Instrument;
                args[(i * 3) + 1] = Ticks(price.Timestamp);
                args[(i * 3) + 2] = JsonSerializer.SerializeToUtf8Bytes(price, RedisJsonContext.Default.MarketPrice);
            }

            calls.Add(args);
        }

        if (calls.Count == 0)
        {
            return 0;
        }

        var replies = await OwnedScripts.UpsertPrices.RunAsync(_client, [Keys.Prices, Keys.PriceTimes], calls, ct);
        return (int)replies.Sum(r => r.AsInteger("EVALSHA"));
    }

    public async Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsync(CancellationToken ct)
    {
        var fields = await HashGetAllAsync(Keys.Prices, ct);
        var prices = new Dictionary<string, MarketPrice>(fields.Count, StringComparer.Ordinal);
        foreach (var (instrument, json) in fields)
        {
            prices[instrument] = Deserialize(json, RedisJsonContext.Default.MarketPrice, Keys.Prices, instrument);
        }

        return prices;
    }

    public Task ReplaceWorkingOrdersAsync(OrderSnapshot snapshot, CancellationToken ct) => WorkingOrderSets.ReplaceAsync(this, snapshot, ct);

    public Task<OrderSnapshot?> GetWorkingOrdersAsync(CancellationToken ct) => WorkingOrderSets.ReadAllAsync(this, ct);

    public Task<IWorkingOrderStaging> BeginWorkingOrdersAsync(CancellationToken ct) =>
        Task.FromResult<IWorkingOrderStaging>(new Staging(this, Keys.WorkingOrderGeneration()));

    public async Task<WorkingOrderSet?> GetWorkingOrderSetAsync(CancellationToken ct)
    {
        var fields = await HashGetAllAsync(Keys.WorkingOrderSet, ct);
        string? ticks = null, count = null, key = null;
        foreach (var (field, value) in fields)
        {
            var text = System.Text.Encoding.UTF8.GetString(value);
            switch (field)
            {
                case "ticks": ticks = text; break;
                case "count": count = text; break;
                case "key": key = text; break;
            }
        }

        if (ticks is null || key is null)
        {
            return null;
        }

        return long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTimeOffset.MaxValue.UtcTicks
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? new WorkingOrderSet(new DateTimeOffset(t, TimeSpan.Zero), n, key)
                : throw new InvalidDataException($"Redis hash {Keys.WorkingOrderSet}: ticks '{ticks}' or count '{count}' is not a whole number");
    }

    public async Task<IReadOnlyList<WorkingOrder>> ReadWorkingOrdersAsync(WorkingOrderSet set, int start, int count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (count <= 0 || !set.Generation.StartsWith(Keys.Prefix + "orders:gen:", StringComparison.Ordinal))
        {
            return [];
        }

        var reply = await _client.ExecuteAsync(new RedisCommand("LRANGE", set.Generation, (long)start, (long)start + count - 1), ct);
        var items = reply.AsArray("LRANGE") ?? [];
        var orders = new List<WorkingOrder>(items.Count);
        foreach (var item in items)
        {
            orders.Add(item is RedisBulkString json
                ? Deserialize(json.Value, RedisJsonContext.Default.WorkingOrder, set.Generation, null)
                : throw new RedisProtocolException($"LRANGE {set.Generation}: expected bulk strings"));
        }

        return orders;
    }

    public async Task<bool> ReplacePositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var wrongDate = positions.FirstOrDefault(p => p.BusinessDate != date);
        if (wrongDate is not null)
        {
            throw new ArgumentException(
                $"position {wrongDate.AccountId}/{wrongDate.Ticker} is dated {wrongDate.BusinessDate:yyyy-MM-dd}, not {date:yyyy-MM-dd}",
                nameof(positions));
        }

        var ttl = (long)PositionsTtl.TotalSeconds;
        var json = JsonSerializer.SerializeToUtf8Bytes([.. positions], RedisJsonContext.Default.ListPosition);

        // One script: version check, positions, version and the date that points at them change together.
        var replies = await OwnedScripts.ReplacePositions.RunAsync(
            _client,
            [Keys.Positions(date), Keys.PositionsVersion(date), Keys.PositionsDate],
            [[json, version, ttl, IsoDate(date)]],
            ct);
        return replies[0].AsInteger("EVALSHA") == 1;
    }

    public async Task<DateOnly?> GetPositionsDateAsync(CancellationToken ct)
    {
        var reply = await _client.ExecuteAsync(new RedisCommand("GET", Keys.PositionsDate), ct);
        var text = reply.AsString("GET");
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidDataException($"Redis key {Keys.PositionsDate}: '{text}' is not a yyyy-MM-dd date");
    }

    public async Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct)
    {
        var key = Keys.Positions(date);
        var reply = await _client.ExecuteAsync(new RedisCommand("GET", key), ct);
        return reply is RedisBulkString json ? Deserialize(json.Value, RedisJsonContext.Default.ListPosition, key, null) : [];
    }

    public async Task SetFeedTimestampAsync(string feed, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feed);
        await OwnedScripts.KeepMaxField.RunAsync(_client, [Keys.FeedTimes], [[feed, Ticks(at)]], ct);
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFeedTimestampsAsync(CancellationToken ct)
    {
        var fields = await HashGetAllAsync(Keys.FeedTimes, ct);
        var result = new Dictionary<string, DateTimeOffset>(fields.Count, StringComparer.Ordinal);
        foreach (var (feed, value) in fields)
        {
            var text = System.Text.Encoding.UTF8.GetString(value);
            result[feed] = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new DateTimeOffset(ticks, TimeSpan.Zero)
                : throw new InvalidDataException($"Redis hash {Keys.FeedTimes} field {feed}: '{text}' is not UTC ticks");
        }

        return result;
    }

    /// <summary>19 digits so that string order is time order.</summary>
    internal static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<List<(string Field, byte[] Value)>> HashGetAllAsync(string key, CancellationToken ct)
    {
        var reply = await _client.ExecuteAsync(new RedisCommand("HGETALL", key), ct);
        var items = reply.AsArray("HGETALL") ?? [];
        var fields = new List<(string, byte[])>(items.Count / 2);
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            if (items[i] is not RedisBulkString field || items[i + 1] is not RedisBulkString value)
            {
                throw new RedisProtocolException($"HGETALL {key}: expected bulk strings");
            }

            fields.Add((field.Text, value.Value));
        }

        return fields;
    }

    private static T Deserialize<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string key, string? field)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type)
                ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"Redis key {key}{(field is null ? string.Empty : " field " + field)}: not a valid {typeof(T).Name} ({ex.Message})", ex);
        }
    }

    /// <summary>One snapshot being written: its own list, RPUSHed a batch at a time, expiring unless committed.</summary>
    private sealed class Staging(RedisLatestStateStore store, string key) : IWorkingOrderStaging
    {
        private int _count;
        private bool _finished;

        public async Task AddAsync(IReadOnlyList<WorkingOrder> orders, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(orders);
            ObjectDisposedException.ThrowIf(_finished, this);
            if (orders.Count == 0)
            {
                return;
            }

            var args = new RedisArg[orders.Count + 2];
            args[0] = "RPUSH";
            args[1] = key;
            for (var i = 0; i < orders.Count; i++)
            {
                args[i + 2] = JsonSerializer.SerializeToUtf8Bytes(orders[i], RedisJsonContext.Default.WorkingOrder);
            }

            var replies = await store._client.ExecuteBatchAsync(
                [new RedisCommand(args), new RedisCommand("EXPIRE", key, StagingTtlSeconds)], ct);
            replies[0].ThrowIfError("RPUSH");
            replies[1].ThrowIfError("EXPIRE");
            _count += orders.Count;
        }

        public async Task<bool> CommitAsync(DateTimeOffset snapshotTime, bool onlyIfNewer, CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(_finished, this);
            var replies = await OwnedScripts.CommitWorkingOrders.RunAsync(
                store._client, [store.Keys.WorkingOrderSet, key], [[Ticks(snapshotTime), onlyIfNewer ? "1" : "0", (long)_count]], ct);
            _finished = true;
            var result = replies[0].AsArray("EVALSHA") ?? throw new RedisProtocolException("commit script: expected an array");
            var switched = result[0].AsInteger("EVALSHA") == 1;
            if (result.Count > 1 && result[1] is RedisBulkString unlink)
            {
                // UNLINK frees a large list in the background: the server is not blocked by a 1M-element delete.
                await store._client.ExecuteAsync(new RedisCommand("UNLINK", unlink.Value), ct);
            }

            return switched;
        }

        public async ValueTask DisposeAsync()
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            try
            {
                await store._client.ExecuteAsync(new RedisCommand("UNLINK", key), CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or RedisException or System.Net.Sockets.SocketException)
            {
                // Best effort while another error unwinds: the staged list expires on its own (StagingTtlSeconds).
            }
        }
    }
}
