using System.Globalization;
using Frgm.Domain.Bars;
using Frgm.Domain.Model;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>
/// 1-minute bars: each touched bar is read once, folded in memory by the domain's <see cref="MinuteBar"/>, written
/// once. <c>tick_ms</c> keeps the bar's distinct tick times (comma-separated milliseconds into the minute) so a
/// replayed or late tick is counted exactly once.
/// </summary>
public sealed partial class SqliteHistoryStore
{
    private const string BarColumns = "instrument, minute_start, open, open_time, high, low, close, close_time, volume, ticks, tick_ms";

    public Task WriteMarketBarsAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prices);
        if (prices.Count == 0)
        {
            return Task.CompletedTask;
        }

        var incoming = MinuteBar.Fold(prices);
        return _db.WriteAsync(
            (c, t) =>
            {
                using var select = SqliteValues.Prepare(
                    c, t, $"SELECT {BarColumns} FROM market_bars WHERE instrument = $i AND minute_start = $m;", "$i", "$m");
                using var upsert = SqliteValues.Prepare(
                    c,
                    t,
                    $"INSERT OR REPLACE INTO market_bars ({BarColumns}) VALUES ($i, $m, $o, $ot, $h, $l, $c, $ct, $v, $n, $ms);",
                    "$i", "$m", "$o", "$ot", "$h", "$l", "$c", "$ct", "$v", "$n", "$ms");
                foreach (var bar in incoming)
                {
                    SqliteValues.Bind(select, bar.Instrument, bar.MinuteStart.UtcTicks);
                    var merged = ReadBarState(select);
                    if (merged is not null && !merged.MergeFrom(bar))
                    {
                        continue;
                    }

                    merged ??= bar;
                    var b = merged.ToBar();
                    SqliteValues.Bind(
                        upsert,
                        b.Instrument,
                        b.MinuteStart.UtcTicks,
                        SqliteValues.Text(b.Open),
                        b.OpenTime.UtcTicks,
                        SqliteValues.Text(b.High),
                        SqliteValues.Text(b.Low),
                        SqliteValues.Text(b.Close),
                        b.CloseTime.UtcTicks,
                        SqliteValues.Integer(b.Volume),
                        b.Ticks,
                        merged.TickOffsetsText);
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
                query.Parameters.AddWithValue("$f", MinuteBar.MinuteOf(from).UtcTicks);
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

    private static MinuteBar? ReadBarState(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        return reader.Read() ? MinuteBar.FromStored(ReadBar(reader), ReadTickOffsets(reader)) : null;
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

    private static IEnumerable<int> ReadTickOffsets(SqliteDataReader reader) =>
        MinuteBar.ParseTickOffsets(SqliteValues.ReadNullableString(reader, 10));
}
