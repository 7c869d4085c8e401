using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Storage.Ingestion;

/// <summary>
/// Trades: stored by trade_id. A repeat within the file or from another file is a duplicate (counted, not an
/// error); positions recompute for every trade date the file touched.
/// </summary>
internal sealed class TradesApplier : IFeedApplier
{
    public FeedKind Feed => FeedKind.Trades;

    public async Task ApplyAsync(FeedContext context, Stream content, FeedOutcome outcome, CancellationToken ct)
    {
        var storage = context.Storage;
        var seenInFile = new HashSet<string>(StringComparer.Ordinal);
        await RowBatches.PumpAsync(
            FeedParsers.Trades(content, context.Route.Key),
            outcome,
            context.BatchSize,
            async batch =>
            {
                var fresh = new List<Trade>(batch.Count);
                foreach (var trade in batch)
                {
                    if (seenInFile.Add(trade.TradeId))
                    {
                        fresh.Add(trade);
                    }
                    else
                    {
                        outcome.Duplicates++;
                    }
                }

                var result = await StoreStep.Run("history", "PutTrades", () => storage.History.PutTradesAsync(fresh, ct));
                outcome.Duplicates += result.Duplicates;
                var duplicates = result.DuplicateTradeIds.ToHashSet(StringComparer.Ordinal);
                foreach (var trade in fresh)
                {
                    if (!duplicates.Contains(trade.TradeId))
                    {
                        outcome.NewTrades.Add(trade);
                        outcome.RecomputeDates.Add(trade.TradeDate);
                    }
                }
            });
        await StoreStep.Run("latest", "SetFeedTimestamp", () => storage.Latest.SetFeedTimestampAsync(WireNames.Of(Feed), context.Now, ct));
    }
}
