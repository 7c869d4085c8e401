using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

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
                await storage.History.WriteMarketBarsAsync(batch, ct);
                await storage.History.UpsertDayPricesAsync(context.Route.BusinessDate, batch, ct);
                await storage.Latest.UpsertPricesAsync(batch, ct);
            });
        await storage.Latest.SetFeedTimestampAsync(WireNames.Of(Feed), context.Now, ct);
        outcome.Topics.Add(ChangeTopic.Market);
        if (outcome.Rows > 0)
        {
            outcome.RecomputeDates.Add(context.Route.BusinessDate);
        }
    }
}
