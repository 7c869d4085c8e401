using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>
/// <see cref="IHistoryStore"/> on the embedded SQLite file. Every write is an idempotent upsert inside one
/// transaction with commands prepared once per batch. This file: EOD and SOD; the other parts hold bars,
/// trades, positions and order snapshots.
/// </summary>
public sealed partial class SqliteHistoryStore : IHistoryStore
{
    private readonly SqliteDatabase _db;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _orderSnapshotRetention;

    internal SqliteHistoryStore(SqliteDatabase db, EmbeddedStorageOptions options)
    {
        _db = db;
        _clock = options.Clock;
        _orderSnapshotRetention = options.OrderSnapshotRetention;
    }

    public Task PutEodAsync(DateOnly date, IReadOnlyList<EodRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return _db.WriteAsync(
            (c, t) =>
            {
                using var upsert = SqliteValues.Prepare(
                    c,
                    t,
                    "INSERT OR REPLACE INTO eod (business_date, account, instrument, position, settlement_price, delta, gamma, vega, theta) " +
                    "VALUES ($d, $a, $i, $p, $s, $de, $ga, $ve, $th);",
                    "$d", "$a", "$i", "$p", "$s", "$de", "$ga", "$ve", "$th");
                foreach (var r in rows)
                {
                    SqliteValues.Bind(
                        upsert,
                        SqliteValues.Date(date),
                        r.Account,
                        r.Instrument,
                        r.Position,
                        SqliteValues.Text(r.SettlementPrice),
                        SqliteValues.Text(r.Delta),
                        SqliteValues.Text(r.Gamma),
                        SqliteValues.Text(r.Vega),
                        SqliteValues.Text(r.Theta));
                    upsert.ExecuteNonQuery();
                }
            },
            ct);
    }

    public Task<IReadOnlyList<EodRow>> GetLatestEodAsync(DateOnly onOrBefore, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<EodRow>>(
            c =>
            {
                using var query = c.CreateCommand();
                query.CommandText =
                    "SELECT e.business_date, e.account, e.instrument, e.position, e.settlement_price, e.delta, e.gamma, e.vega, e.theta " +
                    "FROM eod e JOIN (SELECT instrument, MAX(business_date) AS d FROM eod WHERE business_date <= $d GROUP BY instrument) m " +
                    "ON e.instrument = m.instrument AND e.business_date = m.d ORDER BY e.instrument, e.account;";
                query.Parameters.AddWithValue("$d", SqliteValues.Date(onOrBefore));
                var result = new List<EodRow>();
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(new EodRow(
                        SqliteValues.ReadDate(reader, 0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetInt64(3),
                        SqliteValues.ReadDecimal(reader, 4),
                        SqliteValues.ReadDecimal(reader, 5),
                        SqliteValues.ReadDecimal(reader, 6),
                        SqliteValues.ReadDecimal(reader, 7),
                        SqliteValues.ReadDecimal(reader, 8)));
                }

                return result;
            },
            ct);

    public Task ReplaceSodAccountsAsync(DateOnly date, IReadOnlyList<SodRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var accounts = rows.Select(r => r.Account).Distinct(StringComparer.Ordinal).ToList();
        return _db.WriteAsync(
            (c, t) =>
            {
                using (var delete = SqliteValues.Prepare(c, t, "DELETE FROM sod WHERE business_date = $d AND account = $a;", "$d", "$a"))
                {
                    foreach (var account in accounts)
                    {
                        SqliteValues.Bind(delete, SqliteValues.Date(date), account);
                        delete.ExecuteNonQuery();
                    }
                }

                using var insert = SqliteValues.Prepare(
                    c,
                    t,
                    "INSERT OR REPLACE INTO sod (business_date, account, instrument, position, price) VALUES ($d, $a, $i, $p, $pr);",
                    "$d", "$a", "$i", "$p", "$pr");
                foreach (var r in rows)
                {
                    SqliteValues.Bind(insert, SqliteValues.Date(date), r.Account, r.Instrument, r.Position, SqliteValues.Text(r.Price));
                    insert.ExecuteNonQuery();
                }
            },
            ct);
    }

    public Task<IReadOnlyList<SodRow>> GetSodAsync(DateOnly date, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<SodRow>>(
            c =>
            {
                using var query = c.CreateCommand();
                query.CommandText =
                    "SELECT account, instrument, position, price FROM sod WHERE business_date = $d ORDER BY account, instrument;";
                query.Parameters.AddWithValue("$d", SqliteValues.Date(date));
                var result = new List<SodRow>();
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(new SodRow(date, reader.GetString(0), reader.GetString(1), reader.GetInt64(2), SqliteValues.ReadDecimal(reader, 3)));
                }

                return result;
            },
            ct);

    public Task<DateOnly?> GetLatestBusinessDateAsync(CancellationToken ct) =>
        _db.ReadAsync(
            c =>
            {
                using var query = c.CreateCommand();
                query.CommandText =
                    "SELECT MAX(d) FROM (SELECT MAX(business_date) AS d FROM positions UNION ALL SELECT MAX(trade_date) FROM trades);";
                return query.ExecuteScalar() is string text
                    ? DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                    : (DateOnly?)null;
            },
            ct);

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
