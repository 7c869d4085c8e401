using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Market data: 1-minute bars and day prices (history: the as-of-D marks), then latest prices (keep-later), then the
/// feed timestamp.
/// </summary>
internal sealed class MarketDataApplier : IFeedApplier
{
    public FeedKind Feed => FeedKind.MarketData;

    public async Task ApplyAsync(FeedContext context, Stream content, FeedOutcome outcome, CancellationToken ct)
    {
        var storage = context.Storage;
        var fallback = context.Route.FileNameTime ?? context.Now;
        await RowBatches.PumpAsync(
            FeedParsers.MarketData(content, fallback),
            outcome,
            context.BatchSize,
            async batch =>
            {
                await StoreStep.Run("history", "WriteMarketBars", () => storage.History.WriteMarketBarsAsync(batch, ct));
                await StoreStep.Run("history", "UpsertDayPrices", () => storage.History.UpsertDayPricesAsync(context.Route.BusinessDate, batch, ct));
                await StoreStep.Run("latest", "UpsertPrices", () => storage.Latest.UpsertPricesAsync(batch, ct));
            });
        await StoreStep.Run("latest", "SetFeedTimestamp", () => storage.Latest.SetFeedTimestampAsync(WireNames.Of(Feed), context.Now, ct));
        outcome.Topics.Add("market");
        if (outcome.Rows > 0)
        {
            outcome.RecomputeDates.Add(context.Route.BusinessDate);
        }
    }
}
