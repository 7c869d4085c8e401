using System.Text.Json;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>
/// <see cref="ILatestStateStore"/> for embedded mode: dictionaries in memory for fast reads, written through to
/// SQLite so a restart starts from the same picture. A write reaches memory only after its transaction
/// commits, and writers are serialised, so memory never holds what the disk does not.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs Dispose only once its AvailableWaitHandle is used; it never is.")]
public sealed class EmbeddedLatestStateStore : ILatestStateStore
{
    private readonly SqliteDatabase _db;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _sync = new();
    private readonly Dictionary<string, MarketPrice> _prices = new(StringComparer.Ordinal);
    private readonly SortedDictionary<DateOnly, IReadOnlyList<Position>> _positions = [];
    private readonly Dictionary<string, DateTimeOffset> _feeds = new(StringComparer.Ordinal);
    private WorkingOrderSet? _orderSet; // the header only: the orders stay in SQLite and are read a page at a time

    internal EmbeddedLatestStateStore(SqliteDatabase db)
    {
        _db = db;
        Load();
    }

    public async Task<int> UpsertPricesAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prices);
        await _writer.WaitAsync(ct);
        try
        {
            List<MarketPrice> winners;
            lock (_sync)
            {
                winners = [.. LatestPrices.Fold(prices).Values.Where(p => !_prices.TryGetValue(p.Instrument, out var current) || current.Timestamp <= p.Timestamp)];
            }

            if (winners.Count == 0)
            {
                return 0;
            }

            await _db.WriteAsync(
                (c, t) =>
                {
                    using var upsert = SqliteValues.Prepare(
                        c,
                        t,
                        "INSERT OR REPLACE INTO latest_prices (instrument, price, bid, ask, volume, timestamp) VALUES ($i, $p, $b, $a, $v, $t);",
                        "$i", "$p", "$b", "$a", "$v", "$t");
                    foreach (var p in winners)
                    {
                        SqliteValues.Bind(
                            upsert, p.Instrument, SqliteValues.Text(p.Price), SqliteValues.Text(p.Bid), SqliteValues.Text(p.Ask), SqliteValues.Integer(p.Volume), p.Timestamp.UtcTicks);
                        upsert.ExecuteNonQuery();
                    }
                },
                ct);
            lock (_sync)
            {
                foreach (var price in winners)
                {
                    _prices[price.Instrument] = price;
                }
            }

            return winners.Count;
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyDictionary<string, MarketPrice>>(new Dictionary<string, MarketPrice>(_prices, StringComparer.Ordinal));
        }
    }

    public Task ReplaceWorkingOrdersAsync(OrderSnapshot snapshot, CancellationToken ct) => WorkingOrderSets.ReplaceAsync(this, snapshot, ct);

    public Task<OrderSnapshot?> GetWorkingOrdersAsync(CancellationToken ct) => WorkingOrderSets.ReadAllAsync(this, ct);

    public async Task<IWorkingOrderStaging> BeginWorkingOrdersAsync(CancellationToken ct)
    {
        var generation = await _db.WriteAsync((c, t) => SqliteWorkingOrders.Begin(c, t, DateTimeOffset.UtcNow), ct);
        return new Staging(this, generation);
    }

    public Task<WorkingOrderSet?> GetWorkingOrderSetAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            return Task.FromResult(_orderSet);
        }
    }

    public Task<IReadOnlyList<WorkingOrder>> ReadWorkingOrdersAsync(WorkingOrderSet set, int start, int count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(set);
        return _db.ReadAsync(c => SqliteWorkingOrders.Read(c, set, start, count), ct);
    }

    /// <summary>The version is compared and stored in the same SQLite transaction as the rows (cross-process safe).</summary>
    public async Task<bool> ReplacePositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var copy = positions.ToArray();
        await _writer.WaitAsync(ct);
        try
        {
            var applied = await _db.WriteAsync(
                (c, t) =>
                {
                    if (!SqlitePositionVersions.MayReplace(c, t, SqlitePositionVersions.LatestTable, date, version))
                    {
                        return false;
                    }

                    SqlitePositionRows.Replace(c, t, "latest_positions", date, copy);
                    SqlitePositionVersions.Set(c, t, SqlitePositionVersions.LatestTable, date, version);
                    using var mark = SqliteValues.Prepare(c, t, "INSERT OR IGNORE INTO latest_position_dates (business_date) VALUES ($d);", "$d");
                    SqliteValues.Bind(mark, SqliteValues.Date(date));
                    mark.ExecuteNonQuery();
                    return true;
                },
                ct);
            if (applied)
            {
                lock (_sync)
                {
                    _positions[date] = copy;
                }
            }

            return applied;
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task<DateOnly?> GetPositionsDateAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            return Task.FromResult(_positions.Count == 0 ? (DateOnly?)null : _positions.Keys.Last());
        }
    }

    public Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct)
    {
        lock (_sync)
        {
            return Task.FromResult(_positions.TryGetValue(date, out var positions) ? positions : (IReadOnlyList<Position>)[]);
        }
    }

    public async Task SetFeedTimestampAsync(string feed, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feed);
        await _writer.WaitAsync(ct);
        try
        {
            lock (_sync)
            {
                if (_feeds.TryGetValue(feed, out var current) && current >= at)
                {
                    return;
                }
            }

            await _db.WriteAsync(
                (c, t) =>
                {
                    using var upsert = SqliteValues.Prepare(
                        c, t, "INSERT INTO feed_timestamps (feed, at) VALUES ($f, $a) ON CONFLICT (feed) DO UPDATE SET at = MAX(at, excluded.at);", "$f", "$a");
                    SqliteValues.Bind(upsert, feed, at.UtcTicks);
                    upsert.ExecuteNonQuery();
                },
                ct);
            lock (_sync)
            {
                _feeds[feed] = at;
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFeedTimestampsAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>(_feeds, StringComparer.Ordinal));
        }
    }

    private async Task WriteThroughAsync(Action<SqliteConnection, SqliteTransaction> persist, Action applyInMemory, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            await _db.WriteAsync(persist, ct);
            lock (_sync)
            {
                applyInMemory();
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    private void Load()
    {
        using var c = _db.Open();
        using (var prices = c.CreateCommand())
        {
            prices.CommandText = "SELECT instrument, price, bid, ask, volume, timestamp FROM latest_prices;";
            using var reader = prices.ExecuteReader();
            while (reader.Read())
            {
                var price = new MarketPrice(
                    reader.GetString(0),
                    SqliteValues.ReadDecimal(reader, 1),
                    SqliteValues.ReadNullableDecimal(reader, 2),
                    SqliteValues.ReadNullableDecimal(reader, 3),
                    SqliteValues.ReadNullableLong(reader, 4),
                    SqliteValues.ReadInstant(reader, 5));
                _prices[price.Instrument] = price;
            }
        }

        using (var t = c.BeginTransaction(deferred: false))
        {
            SqliteWorkingOrders.MigrateLegacy(c, t, DateTimeOffset.UtcNow);
            SqliteWorkingOrders.DeleteAbandoned(c, t, DateTimeOffset.UtcNow);
            _orderSet = SqliteWorkingOrders.Current(c, t);
            t.Commit();
        }

        using (var dates = c.CreateCommand())
        {
            dates.CommandText = "SELECT business_date FROM latest_position_dates;";
            var all = new List<DateOnly>();
            using (var reader = dates.ExecuteReader())
            {
                while (reader.Read())
                {
                    all.Add(SqliteValues.ReadDate(reader, 0));
                }
            }

            foreach (var date in all)
            {
                _positions[date] = SqlitePositionRows.Read(c, "latest_positions", "business_date = $d", ("$d", SqliteValues.Date(date)));
            }
        }

        using (var feeds = c.CreateCommand())
        {
            feeds.CommandText = "SELECT feed, at FROM feed_timestamps;";
            using var reader = feeds.ExecuteReader();
            while (reader.Read())
            {
                _feeds[reader.GetString(0)] = SqliteValues.ReadInstant(reader, 1);
            }
        }
    }

    /// <summary>One snapshot being written: a generation of its own, a transaction per batch.</summary>
    private sealed class Staging(EmbeddedLatestStateStore store, long generation) : IWorkingOrderStaging
    {
        private int _count;
        private bool _finished;

        public async Task AddAsync(IReadOnlyList<WorkingOrder> orders, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(orders);
            ObjectDisposedException.ThrowIf(_finished, this);
            var first = _count;
            await store._db.WriteAsync((c, t) => SqliteWorkingOrders.Insert(c, t, generation, first, orders), ct);
            _count += orders.Count;
        }

        public async Task<bool> CommitAsync(DateTimeOffset snapshotTime, bool onlyIfNewer, CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(_finished, this);
            var count = _count;
            WorkingOrderSet? committed = null;
            await store.WriteThroughAsync(
                (c, t) => committed = SqliteWorkingOrders.Commit(c, t, generation, count, snapshotTime, onlyIfNewer),
                () =>
                {
                    if (committed is not null)
                    {
                        store._orderSet = committed;
                    }
                },
                ct);
            _finished = true;
            return committed is not null;
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
                await store._db.WriteAsync((c, t) => SqliteWorkingOrders.Delete(c, t, generation), CancellationToken.None);
            }
            catch (SqliteException)
            {
                // Best effort while another error unwinds: the next start deletes an abandoned generation.
            }
        }
    }
}
