using Frgm.Application.Ports;

namespace Frgm.Storage.Embedded;

/// <summary>
/// <see cref="IPnlHistoryStore"/> on the <c>pnl_history</c> table: an upsert per (date, account, minute) that keeps the
/// later point, and in the same transaction a prune of points recorded longer than the retention ago: the DynamoDB
/// TTL's counterpart (expires_at = at + retention), a range delete on the <c>at</c> index that costs nothing when nothing is old.
/// </summary>
internal sealed class SqlitePnlHistoryStore(SqliteDatabase db) : IPnlHistoryStore
{
    public Task RecordAsync(DateOnly date, IReadOnlyList<AccountDayPnl> accounts, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (accounts.Count == 0)
        {
            return Task.CompletedTask;
        }

        var minute = IPnlHistoryStore.MinuteOf(at);
        var oldest = at - IPnlHistoryStore.Retention;
        return db.WriteAsync(
            (c, t) =>
            {
                using var upsert = SqliteValues.Prepare(
                    c,
                    t,
                    "INSERT INTO pnl_history (business_date, account_id, minute, at, day_pnl) VALUES ($d, $a, $m, $at, $p) " +
                    "ON CONFLICT (business_date, account_id, minute) DO UPDATE SET at = excluded.at, day_pnl = excluded.day_pnl " +
                    "WHERE excluded.at >= pnl_history.at;",
                    "$d", "$a", "$m", "$at", "$p");
                foreach (var account in accounts)
                {
                    SqliteValues.Bind(upsert, SqliteValues.Date(date), account.AccountId, SqliteValues.Ticks(minute), SqliteValues.Ticks(at), SqliteValues.Text(account.DayPnl));
                    upsert.ExecuteNonQuery();
                }

                using var prune = SqliteValues.Prepare(c, t, "DELETE FROM pnl_history WHERE at < $oldest;", "$oldest");
                SqliteValues.Bind(prune, SqliteValues.Ticks(oldest));
                prune.ExecuteNonQuery();
            },
            ct);
    }

    public Task<IReadOnlyList<PnlPoint>> GetAsync(string accountId, DateOnly date, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<PnlPoint>>(
            c =>
            {
                using var query = c.CreateCommand();
                query.CommandText = "SELECT at, day_pnl FROM pnl_history WHERE business_date = $d AND account_id = $a ORDER BY minute;";
                query.Parameters.AddWithValue("$d", SqliteValues.Date(date));
                query.Parameters.AddWithValue("$a", accountId);
                var points = new List<PnlPoint>();
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    points.Add(new PnlPoint(SqliteValues.ReadInstant(reader, 0), SqliteValues.ReadDecimal(reader, 1)));
                }

                return points;
            },
            ct);
}
