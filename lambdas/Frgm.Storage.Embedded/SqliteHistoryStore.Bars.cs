using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>1-minute bars: each touched bar is read once, folded in memory, written once.</summary>
public sealed partial class SqliteHistoryStore
{
    private const string BarColumns = "instrument, minute_start, open, open_time, high, low, close, close_time, volume, ticks";

    public Task WriteMarketBarsAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prices);
        if (prices.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Sorting by time first makes in-order ticks count the same whether they came in one batch or many.
        var byBar = prices
            .GroupBy(p => (p.Instrument, Minute: MarketBarMerge.MinuteOf(p.Timestamp).UtcTicks))
            .Select(g => (g.Key, Prices: g.OrderBy(p => p.Timestamp).ToList()))
            .ToList();
        return _db.WriteAsync(
            (c, t) =>
            {
                using var select = SqliteValues.Prepare(
                    c, t, $"SELECT {BarColumns} FROM market_bars WHERE instrument = $i AND minute_start = $m;", "$i", "$m");
                using var upsert = SqliteValues.Prepare(
                    c,
                    t,
                    $"INSERT OR REPLACE INTO market_bars ({BarColumns}) VALUES ($i, $m, $o, $ot, $h, $l, $c, $ct, $v, $n);",
                    "$i", "$m", "$o", "$ot", "$h", "$l", "$c", "$ct", "$v", "$n");
                foreach (var (key, group) in byBar)
                {
                    SqliteValues.Bind(select, key.Instrument, key.Minute);
                    var existing = ReadBar(select);
                    var bar = existing;
                    foreach (var price in group)
                    {
                        bar = bar is null ? MarketBarMerge.Start(price) : MarketBarMerge.Merge(bar, price);
                    }

                    if (bar is null || bar == existing)
                    {
                        continue;
                    }

                    SqliteValues.Bind(
                        upsert,
                        bar.Instrument,
                        bar.MinuteStart.UtcTicks,
                        SqliteValues.Text(bar.Open),
                        bar.OpenTime.UtcTicks,
                        SqliteValues.Text(bar.High),
                        SqliteValues.Text(bar.Low),
                        SqliteValues.Text(bar.Close),
                        bar.CloseTime.UtcTicks,
                        SqliteValues.Integer(bar.Volume),
                        bar.Ticks);
                    upsert.ExecuteNonQuery();
                }
            },
            ct);
    }

    public Task<IReadOnlyList<MarketBar>> GetMarketBarsAsync(string instrument, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<MarketBar>>(
            c =>
            {
                using var query = Command(
                    c,
                    $"SELECT {BarColumns} FROM market_bars WHERE instrument = $i AND minute_start >= $f AND minute_start <= $t ORDER BY minute_start;");
                query.Parameters.AddWithValue("$i", instrument);
                query.Parameters.AddWithValue("$f", MarketBarMerge.MinuteOf(from).UtcTicks);
                query.Parameters.AddWithValue("$t", to.UtcTicks);
                var result = new List<MarketBar>();
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(ReadBar(reader));
                }

                return result;
            },
            ct);

    private static MarketBar? ReadBar(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        return reader.Read() ? ReadBar(reader) : null;
    }

    private static MarketBar ReadBar(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            SqliteValues.ReadInstant(reader, 1),
            SqliteValues.ReadDecimal(reader, 2),
            SqliteValues.ReadInstant(reader, 3),
            SqliteValues.ReadDecimal(reader, 4),
            SqliteValues.ReadDecimal(reader, 5),
            SqliteValues.ReadDecimal(reader, 6),
            SqliteValues.ReadInstant(reader, 7),
            SqliteValues.ReadNullableLong(reader, 8),
            reader.GetInt32(9));
}
