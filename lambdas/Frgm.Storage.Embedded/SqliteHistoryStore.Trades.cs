using System.Globalization;
using System.Text;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>Trades keyed by trade_id, and the blotter (newest first, keyset-paged).</summary>
public sealed partial class SqliteHistoryStore
{
    private const string TradeColumns =
        "trade_id, trade_date, account_id, ticker, side, quantity, price, exec_time, order_id, trader, exchange, source_file";

    public const int MaxBlotterLimit = 5000;

    public const int DefaultBlotterLimit = 500;

    public Task<TradeWriteResult> PutTradesAsync(IReadOnlyList<Trade> trades, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(trades);
        return _db.WriteAsync(
            (c, t) =>
            {
                // Same source file → a retry (or a corrected version of the file): rewrite. Another file → duplicate.
                using var upsert = SqliteValues.Prepare(
                    c,
                    t,
                    $"INSERT INTO trades ({TradeColumns}) VALUES ($id, $d, $a, $t, $s, $q, $p, $e, $o, $tr, $x, $f) " +
                    "ON CONFLICT (trade_id) DO UPDATE SET trade_date = excluded.trade_date, account_id = excluded.account_id, " +
                    "ticker = excluded.ticker, side = excluded.side, quantity = excluded.quantity, price = excluded.price, " +
                    "exec_time = excluded.exec_time, order_id = excluded.order_id, trader = excluded.trader, exchange = excluded.exchange " +
                    "WHERE trades.source_file IS excluded.source_file;",
                    "$id", "$d", "$a", "$t", "$s", "$q", "$p", "$e", "$o", "$tr", "$x", "$f");
                using var source = SqliteValues.Prepare(c, t, "SELECT source_file FROM trades WHERE trade_id = $id;", "$id");
                var written = 0;
                var duplicates = new List<string>();
                var firstSources = new Dictionary<string, string?>(StringComparer.Ordinal);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var trade in trades)
                {
                    if (!seen.Add(trade.TradeId))
                    {
                        duplicates.Add(trade.TradeId);
                        continue;
                    }

                    SqliteValues.Bind(
                        upsert,
                        trade.TradeId,
                        SqliteValues.Date(trade.TradeDate),
                        trade.AccountId,
                        trade.Ticker,
                        WireNames.Of(trade.Side),
                        trade.Quantity,
                        SqliteValues.Text(trade.Price),
                        SqliteValues.Ticks(trade.ExecTime),
                        SqliteValues.Text(trade.OrderId),
                        SqliteValues.Text(trade.Trader),
                        SqliteValues.Text(trade.Exchange),
                        SqliteValues.Text(trade.SourceFile));
                    if (upsert.ExecuteNonQuery() > 0)
                    {
                        written++;
                    }
                    else
                    {
                        duplicates.Add(trade.TradeId);
                        SqliteValues.Bind(source, trade.TradeId);
                        firstSources[trade.TradeId] = source.ExecuteScalar() as string;
                    }
                }

                return new TradeWriteResult(written, duplicates.Count, duplicates) { FirstSources = firstSources };
            },
            ct);
    }

    public Task<IReadOnlyList<Trade>> GetTradesAsync(DateOnly date, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<Trade>>(
            c =>
            {
                using var query = Command(
                    c,
                    $"SELECT {TradeColumns} FROM trades WHERE trade_date = $d ORDER BY COALESCE(exec_time, 0), rowid;");
                query.Parameters.AddWithValue("$d", SqliteValues.Date(date));
                return ReadTrades(query);
            },
            ct);

    public Task<BlotterPage> QueryBlotterAsync(BlotterQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = query.Limit <= 0 ? DefaultBlotterLimit : Math.Min(query.Limit, MaxBlotterLimit);
        BlotterCursor? after = query.Cursor is null ? null : BlotterCursor.Decode(query.Cursor);
        return _db.ReadAsync(
            c =>
            {
                var sql = new StringBuilder($"SELECT {TradeColumns} FROM trades WHERE trade_date = $d");
                using var command = c.CreateCommand();
                command.Parameters.AddWithValue("$d", SqliteValues.Date(query.Date));
                if (query.AccountId is not null)
                {
                    sql.Append(" AND account_id = $a");
                    command.Parameters.AddWithValue("$a", query.AccountId);
                }

                if (query.Ticker is not null)
                {
                    sql.Append(" AND ticker = $t");
                    command.Parameters.AddWithValue("$t", query.Ticker);
                }

                if (after is { } cursor)
                {
                    sql.Append(" AND (COALESCE(exec_time, 0) < $ck OR (COALESCE(exec_time, 0) = $ck AND trade_id < $ci))");
                    command.Parameters.AddWithValue("$ck", cursor.ExecTicks);
                    command.Parameters.AddWithValue("$ci", cursor.TradeId);
                }

                sql.Append(" ORDER BY COALESCE(exec_time, 0) DESC, trade_id DESC LIMIT $n;");
                command.Parameters.AddWithValue("$n", limit + 1);
                command.CommandText = sql.ToString();
                var trades = ReadTrades(command);
                if (trades.Count <= limit)
                {
                    return new BlotterPage(trades, null);
                }

                trades.RemoveAt(trades.Count - 1);
                var last = trades[^1];
                return new BlotterPage(trades, BlotterCursor.Encode(last.ExecTime?.UtcTicks ?? 0, last.TradeId));
            },
            ct);
    }

    private static List<Trade> ReadTrades(SqliteCommand command)
    {
        var result = new List<Trade>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new Trade(
                reader.GetString(0),
                SqliteValues.ReadDate(reader, 1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4) == "BUY" ? Side.Buy : Side.Sell,
                reader.GetInt64(5),
                SqliteValues.ReadDecimal(reader, 6),
                SqliteValues.ReadNullableInstant(reader, 7),
                SqliteValues.ReadNullableString(reader, 8),
                SqliteValues.ReadNullableString(reader, 9),
                SqliteValues.ReadNullableString(reader, 10),
                SqliteValues.ReadNullableString(reader, 11)));
        }

        return result;
    }

    /// <summary>Opaque to callers: base64url of "execTicks:tradeId", the last row of the page.</summary>
    private readonly record struct BlotterCursor(long ExecTicks, string TradeId)
    {
        public static string Encode(long execTicks, string tradeId) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{execTicks}:{tradeId}")))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static BlotterCursor Decode(string cursor)
        {
            try
            {
                var base64 = cursor.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                return new BlotterCursor(long.Parse(text.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture), text[(colon + 1)..]);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
            {
                throw new ArgumentException($"cursor '{cursor}' is not a cursor this blotter returned", nameof(cursor), ex);
            }
        }
    }
}
