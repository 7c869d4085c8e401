using System.Text.Json;
using Frgm.Functions.Tt;

namespace Frgm.Functions.Tests.Tt;

public sealed class TtOrderNormalizerTests
{
    private static IReadOnlyList<JsonElement> Parse(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();

    [Fact]
    public void Numeric_codes_map_to_the_FORMATS_words()
    {
        var (working, skipped) = TtOrderNormalizer.WorkingOrders(Parse("""
            [{"orderId":"o1","accountId":"MM1","instrumentName":"ZNZ6","side":1,"orderQty":10,"price":"112.40625",
              "leavesQty":10,"cumQty":0,"ordStatus":0,"ordType":2,"timeInForce":0,"lastUpdateTime":1795185000123000000},
             {"orderID":"o2","account":"HEDGE","ticker":"ESZ6","side":"2","quantity":"2","price":6030.00,
              "leavesQuantity":1,"cumQuantity":1,"orderStatus":"1","orderType":"4","timeInForce":"1","updatedAt":"2026-11-20T14:01:12Z"}]
            """));

        Assert.Empty(skipped);
        Assert.Equal(2, working.Count);
        var o1 = working[0];
        Assert.Equal(("o1", "MM1", "ZNZ6", "BUY"), (o1.OrderId, o1.AccountId, o1.Ticker, o1.Side));
        Assert.Equal((10m, 112.40625m, 10m, 0m), (o1.Quantity!.Value, o1.Price!.Value, o1.LeavesQty!.Value, o1.CumQty!.Value));
        Assert.Equal(("WORKING", "LIMIT", "DAY"), (o1.Status, o1.OrderType, o1.TimeInForce));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795185000123), o1.UpdatedAt);
        var o2 = working[1];
        Assert.Equal(("o2", "HEDGE", "ESZ6", "SELL"), (o2.OrderId, o2.AccountId, o2.Ticker, o2.Side));
        Assert.Equal(("PARTIALLY_FILLED", "STOP_LIMIT", "GTC"), (o2.Status, o2.OrderType, o2.TimeInForce));
        Assert.Equal((1m, 1m), (o2.LeavesQty!.Value, o2.CumQty!.Value));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 1, 12, TimeSpan.Zero), o2.UpdatedAt);
    }

    [Theory]
    [InlineData("3", "3", "STOP", "IOC")]
    [InlineData("1", "4", "MARKET", "FOK")]
    public void Order_types_and_times_in_force(string ordType, string tif, string type, string timeInForce)
    {
        var (working, _) = TtOrderNormalizer.WorkingOrders(Parse($$"""[{"orderId":"x","ordType":"{{ordType}}","timeInForce":"{{tif}}"}]"""));

        Assert.Equal((type, timeInForce), (working[0].OrderType, working[0].TimeInForce));
    }

    [Fact]
    public void Filled_canceled_and_rejected_orders_are_not_working()
    {
        var (working, _) = TtOrderNormalizer.WorkingOrders(Parse("""
            [{"orderId":"f","ordStatus":2},{"orderId":"c","ordStatus":"4"},{"orderId":"r","ordStatus":8},
             {"orderId":"w","ordStatus":0},{"orderId":"p","ordStatus":1},{"orderId":"c2","orderStatus":"Cancelled"}]
            """));

        Assert.Equal(["w", "p"], working.Select(o => o.OrderId));
    }

    [Fact]
    public void Unknown_codes_are_kept_as_raw_text()
    {
        var (working, _) = TtOrderNormalizer.WorkingOrders(Parse("""[{"orderId":"u","side":"9","ordStatus":"Z","ordType":"K","timeInForce":"8"}]"""));

        var o = Assert.Single(working);
        Assert.Equal(("9", "Z", "K", "8"), (o.Side, o.Status, o.OrderType, o.TimeInForce));
    }

    [Fact]
    public void An_order_without_an_id_is_skipped_with_a_reason_and_the_rest_kept()
    {
        var (working, skipped) = TtOrderNormalizer.WorkingOrders(Parse("""[{"side":1},{"orderId":"ok"},42]"""));

        Assert.Equal(["ok"], working.Select(o => o.OrderId));
        Assert.Equal(["order #1: no orderId", "order #3: not a JSON object (Number)"], skipped);
    }

    [Fact]
    public void Snapshot_file_key_and_json_follow_FORMATS()
    {
        var at = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
        var (working, _) = TtOrderNormalizer.WorkingOrders(Parse("""[{"orderId":"o1","side":1,"price":112.5,"orderQty":10,"ordStatus":0}]"""));

        var key = WorkingOrderSnapshotFile.Key(at);
        using var doc = JsonDocument.Parse(WorkingOrderSnapshotFile.Serialize(new Frgm.Domain.Model.OrderSnapshot(at, working)));

        Assert.Equal("working-orders/2026/11/20/orders_snapshot_1795185000.json", key);
        Assert.Equal("2026-11-20T14:30:00Z", doc.RootElement.GetProperty("snapshot_time").GetString());
        var order = doc.RootElement.GetProperty("orders")[0];
        Assert.Equal("BUY", order.GetProperty("side").GetString());
        Assert.Equal(112.5m, order.GetProperty("price").GetDecimal());
        Assert.Equal(10m, order.GetProperty("quantity").GetDecimal());
        Assert.Equal("WORKING", order.GetProperty("status").GetString());
    }

    [Fact]
    public void The_snapshot_file_reads_back_through_the_feed_parser_including_null_fields()
    {
        var at = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
        var (working, _) = TtOrderNormalizer.WorkingOrders(Parse("""[{"orderId":"o1","side":1,"price":112.5,"orderQty":10,"ordStatus":0},{"orderId":"o2"}]"""));

        var parsed = Frgm.Domain.Feeds.FeedParsers.WorkingOrders(new MemoryStream(WorkingOrderSnapshotFile.Serialize(new Frgm.Domain.Model.OrderSnapshot(at, working))));

        Assert.Equal(at, parsed.SnapshotTime);
        Assert.Equal(working, parsed.Orders);
    }
}
