using System.Globalization;
using System.Text.Json;
using Frgm.Domain.Model;

namespace Frgm.Functions.Tt;

/// <summary>One TT ledger order (any of its field spellings) → a FORMATS.md working order.</summary>
public static class TtOrderNormalizer
{
    /// <summary>The normalised orders that still work, plus a reason for each order that could not be read.</summary>
    public static (IReadOnlyList<WorkingOrder> Working, IReadOnlyList<string> Skipped) WorkingOrders(IEnumerable<JsonElement> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var working = new List<WorkingOrder>();
        var skipped = new List<string>();
        var index = 0;
        foreach (var raw in orders)
        {
            index++;
            var order = Normalize(raw, out var problem);
            if (order is null)
            {
                skipped.Add($"order #{index}: {problem}");
            }
            else if (!TtCodes.IsTerminal(order.Status))
            {
                working.Add(order);
            }
        }

        return (working, skipped);
    }

    public static WorkingOrder? Normalize(JsonElement order, out string? problem)
    {
        if (order.ValueKind != JsonValueKind.Object)
        {
            problem = $"not a JSON object ({order.ValueKind})";
            return null;
        }

        var id = TtJson.Text(order, "orderId", "orderID", "order_id", "id");
        if (id is null)
        {
            problem = "no orderId";
            return null;
        }

        problem = null;
        return new WorkingOrder(
            OrderId: id,
            AccountId: TtJson.Text(order, "accountId", "account", "accountID", "account_id", "accountName"),
            Ticker: TtJson.Text(order, "instrumentName", "ticker", "symbol", "instrument", "alias", "contract", "securityDesc"),
            Side: TtCodes.Side(TtJson.Text(order, "side")),
            Quantity: TtJson.Number(order, "orderQty", "ordQty", "quantity", "qty", "orderQuantity"),
            Price: TtJson.Number(order, "price", "limitPrice", "px"),
            LeavesQty: TtJson.Number(order, "leavesQty", "leavesQuantity", "leaves_qty"),
            CumQty: TtJson.Number(order, "cumQty", "cumQuantity", "cum_qty", "filledQty"),
            Status: TtCodes.Status(TtJson.Text(order, "ordStatus", "orderStatus", "status")),
            OrderType: TtCodes.OrderType(TtJson.Text(order, "ordType", "orderType", "type")),
            TimeInForce: TtCodes.TimeInForce(TtJson.Text(order, "timeInForce", "tif")),
            UpdatedAt: Timestamp(TtJson.First(order, "lastUpdateTime", "updatedAt", "updated_at", "transactTime", "timeStamp", "timestamp", "sendingTime")));
    }

    /// <summary>TT timestamps: epoch numbers (seconds, ms, µs or ns, told apart by magnitude) or ISO 8601 text.</summary>
    public static DateTimeOffset? Timestamp(JsonElement? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (TtJson.AsNumber(v) is { } epoch && epoch > 0)
        {
            var ticks = epoch switch
            {
                > 1e17m => epoch / 100m,           // nanoseconds
                > 1e14m => epoch * 10m,            // microseconds
                > 1e11m => epoch * 10_000m,        // milliseconds
                _ => epoch * 10_000_000m,          // seconds
            };
            return DateTimeOffset.UnixEpoch.AddTicks((long)ticks);
        }

        return v.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
    }
}
