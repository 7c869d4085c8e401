using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Trades: stored by trade_id. A repeat within the file or from another file is a duplicate: counted and noted in
/// the ledger ("line N: trade_id X already booked by &lt;file&gt;"), not an error; positions recompute for every trade
/// date the file touched.
/// </summary>
internal sealed class TradesApplier : IFeedApplier
{
    public FeedKind Feed => FeedKind.Trades;

    public async Task ApplyAsync(FeedContext context, Stream content, FeedOutcome outcome, CancellationToken ct)
    {
        var storage = context.Storage;
        var key = context.Route.Key;
        var seenInFile = new HashSet<string>(StringComparer.Ordinal);
        await RowBatches.PumpAsync(
            FeedParsers.Trades(content, key).Select(r => new ParsedRow<LinedTrade>(r.Line, r.Value is { } t ? new LinedTrade(r.Line, t) : null, r.Error)),
            outcome,
            context.BatchSize,
            async batch =>
            {
                var fresh = new List<LinedTrade>(batch.Count);
                foreach (var row in batch)
                {
                    if (seenInFile.Add(row.Trade.TradeId))
                    {
                        fresh.Add(row);
                    }
                    else
                    {
                        outcome.Duplicates++;
                        outcome.Notes.Add(Note(row, key));
                    }
                }

                var result = await storage.History.PutTradesAsync([.. fresh.Select(r => r.Trade)], ct);
                outcome.Duplicates += result.Duplicates;
                var duplicates = result.DuplicateTradeIds.ToHashSet(StringComparer.Ordinal);
                foreach (var row in fresh)
                {
                    if (duplicates.Contains(row.Trade.TradeId))
                    {
                        outcome.Notes.Add(Note(row, result.FirstSources.GetValueOrDefault(row.Trade.TradeId)));
                    }
                    else
                    {
                        outcome.NewTrades.Add(row.Trade);
                        outcome.RecomputeDates.Add(row.Trade.TradeDate);
                    }
                }
            });
        await storage.Latest.SetFeedTimestampAsync(WireNames.Of(Feed), context.Now, ct);
    }

    private static RowError Note(LinedTrade row, string? firstFile) =>
        new(row.Line, $"duplicate trade_id {row.Trade.TradeId} already booked by {firstFile ?? "an earlier file"}");

    /// <summary>A parsed trade with its 1-based line in the file, for the duplicate notes.</summary>
    private sealed record LinedTrade(int Line, Trade Trade);
}
