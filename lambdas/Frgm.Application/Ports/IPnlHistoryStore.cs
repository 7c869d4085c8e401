namespace Frgm.Application.Ports;

/// <summary>One account's day P&amp;L at one recompute.</summary>
public sealed record PnlPoint(DateTimeOffset At, decimal DayPnl);

/// <summary>An account's day P&amp;L to record (accounts whose P&amp;L is unknown are not recorded).</summary>
public sealed record AccountDayPnl(string AccountId, decimal DayPnl);

/// <summary>
/// Intraday P&amp;L history per account and business date: SQLite embedded, the DynamoDB history table in AWS
/// (TABLES.md, <c>PNL#</c> items with a TTL). Coalesced to one point per account per UTC minute: a later
/// recompute within the same minute replaces the point (the one with the greater <c>at</c> wins, so replays and
/// out-of-order writers converge). Points older than <see cref="Retention"/> expire.
/// </summary>
public interface IPnlHistoryStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    Task RecordAsync(DateOnly date, IReadOnlyList<AccountDayPnl> accounts, DateTimeOffset at, CancellationToken ct);

    /// <summary>The account's points for the business date, oldest first (empty when none).</summary>
    Task<IReadOnlyList<PnlPoint>> GetAsync(string accountId, DateOnly date, CancellationToken ct);

    /// <summary>The UTC minute a point is coalesced into.</summary>
    public static DateTimeOffset MinuteOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }
}
