using Frgm.Domain.Feeds;
using static Frgm.Domain.Tests.Feeds.FeedText;

namespace Frgm.Domain.Tests.Feeds;

public class WorkingOrdersParserTests
{
    [Fact]
    public void Sample_snapshot_parses_every_order()
    {
        using var file = OpenSample("tt/working-orders/2026/11/20/orders_snapshot_1795185000.json");
        var snapshot = FeedParsers.WorkingOrders(file);

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), snapshot.SnapshotTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795185000), snapshot.SnapshotTime);
        Assert.Equal(["tt-7f3c01", "tt-7f3c02", "tt-7f3c03"], snapshot.Orders.Select(o => o.OrderId));
        var partial = snapshot.Orders[1];
        Assert.Equal(("MM1", "ZNZ6", "SELL"), (partial.AccountId, partial.Ticker, partial.Side));
        Assert.Equal((10m, 112.4375m, 6m, 4m), (partial.Quantity, partial.Price, partial.LeavesQty, partial.CumQty));
        Assert.Equal(("PARTIALLY_FILLED", "LIMIT", "DAY"), (partial.Status, partial.OrderType, partial.TimeInForce));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 29, 59, TimeSpan.Zero), partial.UpdatedAt);
        Assert.Equal("GTC", snapshot.Orders[2].TimeInForce);
        Assert.Equal(6030.00m, snapshot.Orders[2].Price);
    }

    [Fact]
    public void Raw_codes_and_offsets_are_kept_and_times_are_utc()
    {
        const string json = """
            {"snapshot_time": "2026-11-20T08:30:00-06:00",
             "orders": [{"order_id": 42, "side": 1, "status": 7, "order_type": "STOP_LIMIT", "quantity": "5",
                         "updated_at": "2026-11-20T15:29:58+01:00", "unknown_field": {"x": 1}}]}
            """;
        var snapshot = FeedParsers.WorkingOrders(Utf8(json));

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), snapshot.SnapshotTime);
        Assert.Equal(TimeSpan.Zero, snapshot.SnapshotTime.Offset);
        var order = Assert.Single(snapshot.Orders);
        Assert.Equal(("42", "1", "7", "STOP_LIMIT"), (order.OrderId, order.Side, order.Status, order.OrderType));
        Assert.Equal(5m, order.Quantity);
        Assert.Null(order.Price);
        Assert.Equal(TimeSpan.Zero, order.UpdatedAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 29, 58, TimeSpan.Zero), order.UpdatedAt);
    }

    [Fact]
    public void Empty_order_list_is_a_valid_snapshot()
    {
        var snapshot = FeedParsers.WorkingOrders(Utf8("""{"snapshot_time":"2026-11-20T14:30:00Z","orders":[]}"""));
        Assert.Empty(snapshot.Orders);
    }

    [Fact]
    public void Truncated_json_names_the_line()
    {
        var ex = Assert.Throws<FeedFormatException>(() =>
            FeedParsers.WorkingOrders(Utf8("{\n  \"snapshot_time\": \"2026-11-20T14:30:00Z\",\n  \"orders\": [\n    {\"order_id\": \"a\", ")));
        Assert.StartsWith("working-orders snapshot is not valid JSON at line 4", ex.Message);
    }

    [Fact]
    public void Wrong_type_names_the_path()
    {
        var ex = Assert.Throws<FeedFormatException>(() =>
            FeedParsers.WorkingOrders(Utf8("""{"snapshot_time":"2026-11-20T14:30:00Z","orders":[{"order_id":"a","price":"cheap"}]}""")));
        Assert.Contains("$.orders[0].price", ex.Message);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("null", "is empty")]
    [InlineData("""{"orders":[]}""", "has no snapshot_time")]
    [InlineData("""{"snapshot_time":"2026-11-20T14:30:00Z"}""", "has no orders array")]
    [InlineData("""{"snapshot_time":"2026-11-20T14:30:00Z","orders":[{"ticker":"ZNZ6"}]}""", "orders[0].order_id is missing")]
    [InlineData("""{"snapshot_time":"2026-11-20T14:30:00Z","orders":[null]}""", "orders[0] is null")]
    [InlineData("""{"snapshot_time":"not a time","orders":[]}""", "$.snapshot_time")]
    public void Unusable_snapshots_are_rejected_with_the_reason(string json, string expected)
    {
        var ex = Assert.Throws<FeedFormatException>(() => FeedParsers.WorkingOrders(Utf8(json)));
        Assert.Contains(expected, ex.Message);
    }
}
