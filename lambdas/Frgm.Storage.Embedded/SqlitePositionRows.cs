using Frgm.Domain.Model;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>Position rows share one column layout in <c>positions</c> (history) and <c>latest_positions</c>.</summary>
internal static class SqlitePositionRows
{
    public const string Columns =
        "business_date, account_id, ticker, sod_qty, sod_price, net_qty, avg_price, mark_price, " +
        "realized_pnl, unrealized_pnl, day_pnl, delta, gamma, vega, theta, updated_at, greeks_source";

    private static readonly string[] Parameters =
        ["$d", "$a", "$t", "$sq", "$sp", "$nq", "$ap", "$mp", "$rp", "$up", "$dp", "$de", "$ga", "$ve", "$th", "$u", "$gs"];

    public static void Replace(SqliteConnection connection, SqliteTransaction transaction, string table, DateOnly date, IReadOnlyList<Position> positions)
    {
        using (var delete = SqliteValues.Prepare(connection, transaction, $"DELETE FROM {table} WHERE business_date = $d;", "$d"))
        {
            SqliteValues.Bind(delete, SqliteValues.Date(date));
            delete.ExecuteNonQuery();
        }

        using var insert = SqliteValues.Prepare(
            connection,
            transaction,
            $"INSERT OR REPLACE INTO {table} ({Columns}) VALUES ({string.Join(", ", Parameters)});",
            Parameters);
        foreach (var p in positions)
        {
            if (p.BusinessDate != date)
            {
                throw new ArgumentException($"position {p.AccountId}/{p.Ticker} is dated {p.BusinessDate}, not {date}", nameof(positions));
            }

            SqliteValues.Bind(
                insert,
                SqliteValues.Date(date),
                p.AccountId,
                p.Ticker,
                p.SodQty,
                SqliteValues.Text(p.SodPrice),
                p.NetQty,
                SqliteValues.Text(p.AvgPrice),
                SqliteValues.Text(p.MarkPrice),
                SqliteValues.Text(p.RealizedPnl),
                SqliteValues.Text(p.UnrealizedPnl),
                SqliteValues.Text(p.DayPnl),
                SqliteValues.Text(p.Delta),
                SqliteValues.Text(p.Gamma),
                SqliteValues.Text(p.Vega),
                SqliteValues.Text(p.Theta),
                SqliteValues.Ticks(p.UpdatedAt),
                WireNames.Of(p.GreeksSource));
            insert.ExecuteNonQuery();
        }
    }

    public static List<Position> Read(SqliteConnection connection, string table, string where, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {table} WHERE {where} ORDER BY business_date, account_id, ticker;";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = new List<Position>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new Position(
                SqliteValues.ReadDate(reader, 0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt64(3),
                SqliteValues.ReadNullableDecimal(reader, 4),
                reader.GetInt64(5),
                SqliteValues.ReadNullableDecimal(reader, 6),
                SqliteValues.ReadNullableDecimal(reader, 7),
                SqliteValues.ReadNullableDecimal(reader, 8),
                SqliteValues.ReadNullableDecimal(reader, 9),
                SqliteValues.ReadNullableDecimal(reader, 10),
                SqliteValues.ReadDecimal(reader, 11),
                SqliteValues.ReadDecimal(reader, 12),
                SqliteValues.ReadDecimal(reader, 13),
                SqliteValues.ReadDecimal(reader, 14),
                SqliteValues.ReadInstant(reader, 15),
                WireNames.ParseGreeksSource(reader.GetString(16))));
        }

        return result;
    }
}
