using System.Threading.Channels;
using Frgm.Domain.Feeds;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Streams parsed rows into batches: valid rows go to <c>apply</c>, rejected ones to the outcome's error list.
/// Parsing runs on its own task, at most two batches ahead of the writer, so parse and store I/O overlap
/// while memory stays bounded. Batches are applied in file order, one at a time.
/// </summary>
internal static class RowBatches
{
    public static async Task PumpAsync<T>(IEnumerable<ParsedRow<T>> rows, FeedOutcome outcome, int batchSize, Func<List<T>, Task> apply)
        where T : class
    {
        var batches = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() => Produce(rows, outcome.Errors, batchSize, batches.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(CancellationToken.None))
            {
                await apply(batch);
                outcome.Rows += batch.Count;
            }
        }
        catch
        {
            // The writer failed: stop the parser and let the caller see the store's error.
            await stop.CancelAsync();
            await producer.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }

        await producer;
    }

    private static async Task Produce<T>(IEnumerable<ParsedRow<T>> rows, RowErrorList errors, int batchSize, ChannelWriter<List<T>> writer, CancellationToken ct)
        where T : class
    {
        try
        {
            var batch = new List<T>(batchSize);
            foreach (var row in rows)
            {
                if (!row.IsValid || row.Value is null)
                {
                    errors.Add(row.ToRowError());
                    continue;
                }

                batch.Add(row.Value);
                if (batch.Count >= batchSize)
                {
                    await writer.WriteAsync(batch, ct);
                    batch = new List<T>(batchSize);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, ct);
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            // A missing column (FeedFormatException) or a parser fault reaches the reader as its exception.
            writer.TryComplete(ex);
            throw;
        }
    }
}
