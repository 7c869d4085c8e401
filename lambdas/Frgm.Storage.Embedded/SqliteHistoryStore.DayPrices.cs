using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Embedded;

/// <summary>Day prices (the facts behind the as-of-D mark) and the list of dates with facts.</summary>
public sealed partial class SqliteHistoryStore
{
    public Task UpsertDayPricesAsync(DateOnly date, IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var winners = DayPrices.Fold(prices);
        if (winners.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _db.WriteAsync(
            (c, t) =>
            {
                using var read = SqliteValues.Prepare(
                    c, t, "SELECT price, timestamp FROM day_prices WHERE business_date = $d AND instrument = $i;", "$d", "$i");
                using var upsert = SqliteValues.Prepare(
                    c,
                    t,
                    "INSERT OR REPLACE INTO day_prices (business_date, instrument, price, bid, ask, volume, timestamp) VALUES ($d, $i, $p, $b, $a, $v, $t);",
                    "$d", "$i", "$p", "$b", "$a", "$v", "$t");
                var day = SqliteValues.Date(date);
                foreach (var p in winners.Values)
                {
                    SqliteValues.Bind(read, day, p.Instrument);
                    MarketPrice? stored = null;
                    using (var reader = read.ExecuteReader())
                    {
                        if (reader.Read())
                        {
                            stored = new MarketPrice(p.Instrument, SqliteValues.ReadDecimal(reader, 0), null, null, null, SqliteValues.ReadInstant(reader, 1));
                        }
                    }

                    if (DayPrices.IsLater(p, stored))
                    {
                        SqliteValues.Bind(
                            upsert, day, p.Instrument, SqliteValues.Text(p.Price), SqliteValues.Text(p.Bid), SqliteValues.Text(p.Ask), SqliteValues.Integer(p.Volume), p.Timestamp.UtcTicks);
                        upsert.ExecuteNonQuery();
                    }
                }
            },
            ct);
    }

    public Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsOfAsync(DateOnly onOrBefore, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyDictionary<string, MarketPrice>>(
            c =>
            {
                using var query = Command(c, "SELECT instrument, price, bid, ask, volume, timestamp FROM day_prices WHERE business_date <= $d;");
                query.Parameters.AddWithValue("$d", SqliteValues.Date(onOrBefore));
                var winners = new Dictionary<string, MarketPrice>(StringComparer.Ordinal);
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    DayPrices.Keep(
                        winners,
                        new MarketPrice(
                            reader.GetString(0),
                            SqliteValues.ReadDecimal(reader, 1),
                            SqliteValues.ReadNullableDecimal(reader, 2),
                            SqliteValues.ReadNullableDecimal(reader, 3),
                            SqliteValues.ReadNullableLong(reader, 4),
                            SqliteValues.ReadInstant(reader, 5)));
                }

                return winners;
            },
            ct);

    public Task<IReadOnlyList<DateOnly>> GetFactDatesAfterAsync(DateOnly after, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<DateOnly>>(
            c =>
            {
                using var query = Command(c, $"SELECT business_date FROM {SqlitePositionVersions.FactsTable} WHERE business_date > $d ORDER BY business_date;");
                query.Parameters.AddWithValue("$d", SqliteValues.Date(after));
                var dates = new List<DateOnly>();
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    dates.Add(SqliteValues.ReadDate(reader, 0));
                }

                return dates;
            },
            ct);
}
