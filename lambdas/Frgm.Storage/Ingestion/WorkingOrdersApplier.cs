using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Storage.Ingestion;

/// <summary>
/// TT working orders: every snapshot goes to history (7-day TTL); the latest set is replaced only by a newer
/// snapshot, so a late or replayed file never rolls the blotter of working orders back.
/// </summary>
internal sealed class WorkingOrdersApplier : IFeedApplier
{
    public FeedKind Feed => FeedKind.WorkingOrders;

    public async Task ApplyAsync(FeedContext context, Stream content, FeedOutcome outcome, CancellationToken ct)
    {
        var storage = context.Storage;
        var limits = context.WorkingOrders;
        if (content.CanSeek && content.Length > limits.MaxBytes)
        {
            throw new FeedFormatException(
                $"working-orders snapshot is {content.Length} bytes, over the maximum of {limits.MaxBytes} (Frgm:MaxWorkingOrderBytes): refused whole, the current working orders are kept");
        }

        var snapshot = FeedParsers.WorkingOrders(content);
        if (snapshot.Orders.Count > limits.MaxOrders)
        {
            throw new FeedFormatException(
                $"working-orders snapshot has {snapshot.Orders.Count} orders, over the maximum of {limits.MaxOrders} (Frgm:MaxWorkingOrders): refused whole, the current working orders are kept");
        }

        await StoreStep.Run("history", "PutOrderSnapshot", () => storage.History.PutOrderSnapshotAsync(snapshot, ct));
        var current = await StoreStep.Run("latest", "GetWorkingOrders", () => storage.Latest.GetWorkingOrdersAsync(ct));
        if (current is null || snapshot.SnapshotTime > current.SnapshotTime)
        {
            await StoreStep.Run("latest", "ReplaceWorkingOrders", () => storage.Latest.ReplaceWorkingOrdersAsync(snapshot, ct));
            outcome.Topics.Add("orders");
        }

        // The snapshot's own time, not the processing time: an old file must not make a stale feed look fresh.
        await StoreStep.Run("latest", "SetFeedTimestamp", () => storage.Latest.SetFeedTimestampAsync(WireNames.Of(Feed), snapshot.SnapshotTime, ct));
        outcome.Rows = snapshot.Orders.Count;
    }
}
