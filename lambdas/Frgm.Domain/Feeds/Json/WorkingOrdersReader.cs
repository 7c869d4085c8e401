using System.Text.Json;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds.Json;

/// <summary>Reads a TT working-orders snapshot; any problem rejects the whole snapshot (it replaces a set atomically).</summary>
internal static class WorkingOrdersReader
{
    public static OrderSnapshot Read(Stream content)
    {
        WorkingOrdersDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(content, WorkingOrdersJsonContext.Default.WorkingOrdersDocument);
        }
        catch (JsonException ex)
        {
            // LineNumber and BytePositionInLine are 0-based in JsonException.
            var where = ex.LineNumber is { } line
                ? $" at line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}"
                : string.Empty;
            var path = string.IsNullOrEmpty(ex.Path) ? string.Empty : $" (path {ex.Path})";
            throw new FeedFormatException($"working-orders snapshot is not valid JSON{where}{path}: {FirstSentence(ex.Message)}", ex);
        }

        if (document is null)
        {
            throw new FeedFormatException("working-orders snapshot is empty: expected an object with snapshot_time and orders");
        }

        if (document.SnapshotTime is not { } snapshotTime)
        {
            throw new FeedFormatException("working-orders snapshot has no snapshot_time");
        }

        if (document.Orders is not { } orders)
        {
            throw new FeedFormatException("working-orders snapshot has no orders array");
        }

        var result = new List<WorkingOrder>(orders.Count);
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i] ?? throw new FeedFormatException($"working-orders snapshot: orders[{i}] is null");
            if (string.IsNullOrWhiteSpace(order.OrderId))
            {
                throw new FeedFormatException($"working-orders snapshot: orders[{i}].order_id is missing");
            }

            result.Add(new WorkingOrder(
                order.OrderId,
                order.AccountId,
                order.Ticker,
                order.Side,
                order.Quantity,
                order.Price,
                order.LeavesQty,
                order.CumQty,
                order.Status,
                order.OrderType,
                order.TimeInForce,
                order.UpdatedAt?.ToUniversalTime()));
        }

        return new OrderSnapshot(snapshotTime.ToUniversalTime(), result);
    }

    private static string FirstSentence(string message)
    {
        // The serializer appends " Path: $.x | LineNumber: 0 | BytePositionInLine: 5." which we already rephrased.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
