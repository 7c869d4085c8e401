using Frgm.Domain.Model;

namespace Frgm.Dashboard.Core;

/// <summary>Positions for one business date (null when no data exists at all).</summary>
public sealed record PositionsView(DateOnly? Date, IReadOnlyList<Position> Positions);

public sealed record AccountsView(DateOnly? Date, IReadOnlyList<AccountSummary> Accounts);

public sealed record PriceView(MarketPrice Price, double AgeSeconds);

/// <summary>Health of one feed as the overview shows it.</summary>
public sealed record FeedHealth(
    string Feed,
    LedgerEntry? LastFile,
    DateTimeOffset? LastSuccess,
    double? AgeSeconds,
    IReadOnlyDictionary<FileStatus, int> StatusCounts,
    double? LastLatencyMs,
    double? MedianLatencyMs);

public sealed record OverviewView(
    DateTimeOffset Now,
    DateOnly? BusinessDate,
    IReadOnlyList<FeedHealth> Feeds,
    IReadOnlyDictionary<AlarmSeverity, int> ActiveAlarmsBySeverity,
    IReadOnlyDictionary<AlarmSeverity, int> UnacknowledgedAlarmsBySeverity,
    IReadOnlyList<Alarm> OpenAlarms,
    int LedgerSampleSize);

/// <summary>The common filters of API.md, already validated.</summary>
public sealed record DataFilter(DateOnly? Date, string? AccountId, string? Ticker)
{
    public static DataFilter None { get; } = new(null, null, null);

    /// <summary>Case-insensitive, like every ticker and account filter of API.md (<c>ticker=esz6</c> finds ESZ6).</summary>
    public bool Matches(string? accountId, string? ticker) =>
        (AccountId is null || string.Equals(AccountId, accountId, StringComparison.OrdinalIgnoreCase))
        && (Ticker is null || string.Equals(Ticker, ticker, StringComparison.OrdinalIgnoreCase));
}
