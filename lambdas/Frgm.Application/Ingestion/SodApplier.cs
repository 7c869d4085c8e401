using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Start of day: the whole file is one restatement of the accounts it names, so its rows are collected and
/// written in one call (batching would let a later batch wipe an earlier one's rows of the same account).
/// </summary>
internal sealed class SodApplier : IFeedApplier
{
    public FeedKind Feed => FeedKind.Sod;

    public async Task ApplyAsync(FeedContext context, Stream content, FeedOutcome outcome, CancellationToken ct)
    {
        var storage = context.Storage;
        var date = context.Route.BusinessDate;
        var rows = new List<SodRow>();
        foreach (var row in FeedParsers.Sod(content, date))
        {
            if (row.IsValid && row.Value is not null)
            {
                rows.Add(row.Value);
            }
            else
            {
                outcome.Errors.Add(row.ToRowError());
            }
        }

        if (rows.Count > 0)
        {
            await storage.History.ReplaceSodAccountsAsync(date, rows, ct);
            outcome.RecomputeDates.Add(date);
        }

        outcome.Rows = rows.Count;
        await storage.Latest.SetFeedTimestampAsync(WireNames.Of(Feed), context.Now, ct);
    }
}
