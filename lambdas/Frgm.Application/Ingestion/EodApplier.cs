using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

/// <summary>End of day: history rows for the business date; Greeks feed later dates' positions, so those recompute too.</summary>
internal sealed class EodApplier : IFeedApplier
{
    public FeedKind Feed => FeedKind.Eod;

    public async Task ApplyAsync(FeedContext context, Stream content, FeedOutcome outcome, CancellationToken ct)
    {
        var storage = context.Storage;
        var date = context.Route.BusinessDate;
        await RowBatches.PumpAsync(
            FeedParsers.Eod(content, date),
            outcome,
            context.BatchSize,
            batch => storage.History.PutEodAsync(date, batch, ct));
        await storage.Latest.SetFeedTimestampAsync(WireNames.Of(Feed), context.Now, ct);
        if (outcome.Rows > 0)
        {
            outcome.RecomputeDates.Add(date);
        }
    }
}
