using Frgm.Domain.Feeds;

namespace Frgm.Storage.Ingestion;

/// <summary>Streams parsed rows into batches: valid rows go to <c>apply</c>, rejected ones to the outcome's error list.</summary>
internal static class RowBatches
{
    public static async Task PumpAsync<T>(IEnumerable<ParsedRow<T>> rows, FeedOutcome outcome, int batchSize, Func<List<T>, Task> apply)
        where T : class
    {
        var batch = new List<T>(batchSize);
        foreach (var row in rows)
        {
            if (!row.IsValid || row.Value is null)
            {
                outcome.Errors.Add(row.ToRowError());
                continue;
            }

            batch.Add(row.Value);
            if (batch.Count >= batchSize)
            {
                await apply(batch);
                outcome.Rows += batch.Count;
                batch = new List<T>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            await apply(batch);
            outcome.Rows += batch.Count;
        }
    }
}
