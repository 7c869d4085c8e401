using Frgm.Domain.Model;

namespace Frgm.Application.Ports;

public sealed record TradeWriteResult(int Written, int Duplicates, IReadOnlyList<string> DuplicateTradeIds)
{
    /// <summary>For each duplicate trade id stored from another file: that file's key (null when it had none).</summary>
    public IReadOnlyDictionary<string, string?> FirstSources { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);
}

public sealed record BlotterQuery(DateOnly Date, string? AccountId, string? Ticker, int Limit, string? Cursor);

/// <summary>NextCursor is opaque to callers and null on the last page.</summary>
public sealed record BlotterPage(IReadOnlyList<Trade> Trades, string? NextCursor);

/// <summary><paramref name="NeedsAck"/>: true lists alarms nobody acknowledged yet (ACTIVE, cleared-unacknowledged), false the others.</summary>
public sealed record AlarmQuery(AlarmState? State, string? AccountId, string? Ticker, bool? NeedsAck = null);

public enum LedgerClaimOutcome
{
    Claimed,
    AlreadyProcessed,
    InProgress,
}

/// <summary>Existing is the stored entry (for AlreadyProcessed/InProgress, and the prior one on a re-claim).</summary>
public sealed record LedgerClaim(LedgerClaimOutcome Outcome, LedgerEntry? Existing, int Attempt);

/// <summary>One adapter set: what the ingestion service, the functions and the dashboard are handed.</summary>
public sealed record StorageSet(
    IObjectStore Objects,
    ILatestStateStore Latest,
    IHistoryStore History,
    IAlarmStore Alarms,
    IFileLedger Ledger,
    IChangeFeed Changes,
    IReadOnlyList<IStoreProbe> Probes) : IAsyncDisposable, IDisposable
{
    /// <summary>Intraday P&amp;L per account, written at each current-date recompute.</summary>
    public required IPnlHistoryStore PnlHistory { get; init; }

    /// <summary>What the adapters opened for the set (connections, subscriptions), closed with it; null when nothing is.</summary>
    public IAsyncDisposable? Connections { get; init; }

    /// <summary>The container that registered the set disposes it at shutdown; a set built by hand is disposed by its builder.</summary>
    public ValueTask DisposeAsync() => Connections?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// For a container disposed synchronously (a test's <c>using</c>): the hosts dispose asynchronously, so only this
    /// path waits for the connections to close.
    /// </summary>
    public void Dispose()
    {
        switch (Connections)
        {
            case null:
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
            default:
                Connections.DisposeAsync().AsTask().GetAwaiter().GetResult();
                break;
        }

        GC.SuppressFinalize(this);
    }
}
