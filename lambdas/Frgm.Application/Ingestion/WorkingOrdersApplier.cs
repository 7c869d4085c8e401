using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Application.Ingestion;

/// <summary>
/// TT working orders: the snapshot is streamed (<see cref="FeedParsers.WorkingOrdersStream"/>) into a new generation
/// of the latest store a batch at a time, and switched to only when it is complete and newer than the current set, so
/// a late or replayed file never rolls the set back and a bad one (invalid, over the limit, a store fault) leaves it
/// alone. No step holds more than one batch. History keeps the header (time, count, object), not the orders.
/// </summary>
internal sealed class WorkingOrdersApplier : IFeedApplier
{
    /// <summary>Orders per store write: about 1 MB of JSON.</summary>
    public const int Batch = 5000;

    public FeedKind Feed => FeedKind.WorkingOrders;

    public async Task ApplyAsync(FeedContext context, Stream content, FeedOutcome outcome, CancellationToken ct)
    {
        var storage = context.Storage;
        var limits = context.WorkingOrders;
        using var reader = FeedParsers.WorkingOrdersStream(content);
        await using var staging = await storage.Latest.BeginWorkingOrdersAsync(ct);
        var batch = new List<WorkingOrder>(Batch);
        bool more;
        do
        {
            batch.Clear();
            more = reader.ReadBatch(batch, Batch);
            if (reader.OrdersRead > limits.MaxOrders)
            {
                throw new FeedFormatException(limits.DescribeOverOrders());
            }

            if (batch.Count > 0)
            {
                await staging.AddAsync(batch, ct);
            }
        }
        while (more);

        var snapshotTime = reader.SnapshotTime!.Value;
        var header = new OrderSnapshotHeader(snapshotTime, reader.OrdersRead, WireNames.Of(context.Route.Bucket), context.Route.Key);
        await storage.History.PutOrderSnapshotHeaderAsync(header, ct);
        if (await staging.CommitAsync(snapshotTime, onlyIfNewer: true, ct))
        {
            outcome.Topics.Add(ChangeTopic.Orders);
        }

        // The snapshot's own time, not the processing time: an old file must not make a stale feed look fresh.
        await storage.Latest.SetFeedTimestampAsync(WireNames.Of(Feed), snapshotTime, ct);
        outcome.Rows = reader.OrdersRead;
    }
}
