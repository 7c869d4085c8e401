using System.Globalization;
using System.Text.Json;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using StackExchange.Redis;

namespace Frgm.Storage.Aws.Redis;

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

    private readonly IDatabase _db;

    public RedisLatestStateStore(IConnectionMultiplexer redis, string environment)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _db = redis.GetDatabase();
        Keys = new RedisKeys(environment);
    }

    public RedisKeys Keys { get; }

    public string Name => "redis";

    /// <summary>Pings the node that holds this environment's slot (the one every read and write goes to).</summary>
    public async Task PingAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await _db.ExecuteAsync("EXISTS", [(RedisKey)Keys.FeedTimes]).WaitAsync(ct);
    }

    public async Task<int> UpsertPricesAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prices);
        for (var i = 0; i < prices.Count; i++)
        {
            if (string.IsNullOrEmpty(prices[i].Instrument))
            {
                throw new ArgumentException($"price #{i + 1} has no instrument", nameof(prices));
            }
        }

        // Only each instrument's latest price travels: the script would overwrite the earlier ones in the same call.
        var latest = LatestPrices.Fold(prices).Values.ToList();
        RedisKey[] keys = [Keys.Prices, Keys.PriceTimes];
        var calls = new List<Task<RedisResult>>((latest.Count / PricesPerCall) + 1);
        for (var start = 0; start < latest.Count; start += PricesPerCall)
        {
            var count = Math.Min(PricesPerCall, latest.Count - start);
            var args = new RedisValue[count * 3];
            for (var i = 0; i < count; i++)
            {
                var price = latest[start + i];
                args[i * 3] = price.Instrument;
                args[(i * 3) + 1] = Ticks(price.Timestamp);
                args[(i * 3) + 2] = JsonSerializer.SerializeToUtf8Bytes(price, RedisJsonContext.Default.MarketPrice);
            }

            // Not awaited one by one: the multiplexer pipelines the calls on the connection.
            calls.Add(_db.ScriptEvaluateAsync(RedisScripts.UpsertPrices, keys, args));
        }

        var replies = await Task.WhenAll(calls).WaitAsync(ct);
        return replies.Sum(r => (int)r);
    }

    public async Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsync(CancellationToken ct)
    {
        var fields = await HashGetAllAsync(Keys.Prices, ct);
        var prices = new Dictionary<string, MarketPrice>(fields.Length, StringComparer.Ordinal);
        foreach (var entry in fields)
        {
            var instrument = (string)entry.Name!;
            prices[instrument] = Deserialize(entry.Value, RedisJsonContext.Default.MarketPrice, Keys.Prices, instrument);
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
        foreach (var entry in fields)
        {
            var text = (string?)entry.Value;
            switch ((string?)entry.Name)
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

        var items = await _db.ListRangeAsync(set.Generation, start, (long)start + count - 1).WaitAsync(ct);
        var orders = new List<WorkingOrder>(items.Length);
        foreach (var item in items)
        {
            orders.Add(Deserialize(item, RedisJsonContext.Default.WorkingOrder, set.Generation, null));
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
        var reply = await _db.ScriptEvaluateAsync(
            RedisScripts.ReplacePositions,
            [Keys.Positions(date), Keys.PositionsVersion(date), Keys.PositionsDate],
            [json, version, ttl, IsoDate(date)]).WaitAsync(ct);
        return (long)reply == 1;
    }

    public async Task<DateOnly?> GetPositionsDateAsync(CancellationToken ct)
    {
        var text = (string?)await _db.StringGetAsync(Keys.PositionsDate).WaitAsync(ct);
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
        var json = await _db.StringGetAsync(key).WaitAsync(ct);
        return json.IsNull ? [] : Deserialize(json, RedisJsonContext.Default.ListPosition, key, null);
    }

    public async Task SetFeedTimestampAsync(string feed, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feed);
        await _db.ScriptEvaluateAsync(RedisScripts.KeepMaxField, [Keys.FeedTimes], [feed, Ticks(at)]).WaitAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFeedTimestampsAsync(CancellationToken ct)
    {
        var fields = await HashGetAllAsync(Keys.FeedTimes, ct);
        var result = new Dictionary<string, DateTimeOffset>(fields.Length, StringComparer.Ordinal);
        foreach (var entry in fields)
        {
            var feed = (string)entry.Name!;
            var text = (string?)entry.Value;
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

    private async Task<HashEntry[]> HashGetAllAsync(string key, CancellationToken ct) =>
        await _db.HashGetAllAsync(key).WaitAsync(ct);

    /// <summary>UNLINK frees a large list in the background: the server is not blocked by a 1M-element delete.</summary>
    private Task UnlinkAsync(RedisKey key) => _db.ExecuteAsync("UNLINK", [key]);

    private static T Deserialize<T>(RedisValue json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string key, string? field)
    {
        try
        {
            return JsonSerializer.Deserialize(((byte[]?)json) ?? [], type)
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

            var values = new RedisValue[orders.Count];
            for (var i = 0; i < orders.Count; i++)
            {
                values[i] = JsonSerializer.SerializeToUtf8Bytes(orders[i], RedisJsonContext.Default.WorkingOrder);
            }

            // Sent back to back (one round trip), awaited together.
            var push = store._db.ListRightPushAsync(key, values);
            var expire = store._db.KeyExpireAsync(key, TimeSpan.FromSeconds(StagingTtlSeconds));
            await Task.WhenAll(push, expire).WaitAsync(ct);
            _count += orders.Count;
        }

        public async Task<bool> CommitAsync(DateTimeOffset snapshotTime, bool onlyIfNewer, CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(_finished, this);
            var reply = await store._db.ScriptEvaluateAsync(
                RedisScripts.CommitWorkingOrders,
                [store.Keys.WorkingOrderSet, key],
                [Ticks(snapshotTime), onlyIfNewer ? "1" : "0", _count]).WaitAsync(ct);
            _finished = true;
            var result = (RedisResult[]?)reply ?? throw new InvalidDataException("Redis commit script: expected an array reply");
            var switched = (long)result[0] == 1;
            if (result.Length > 1 && !result[1].IsNull)
            {
                await store.UnlinkAsync((string)result[1]!).WaitAsync(ct);
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
                await store.UnlinkAsync(key);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Best effort while another error unwinds: the staged list expires on its own (StagingTtlSeconds).
            }
        }
    }
}
