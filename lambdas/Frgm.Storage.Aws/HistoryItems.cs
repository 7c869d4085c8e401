using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Bars;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using static Frgm.Storage.Aws.AttributeValues;

namespace Frgm.Storage.Aws;

/// <summary>Record ⇄ item mapping for the history table. Attribute names are the API's snake_case names.</summary>
internal static class HistoryItems
{
    public const string TypeAttribute = "type";

    /// <summary>One writer's fold of a minute (<see cref="MarketBarWriter"/>); its sort key names the minute and the content.</summary>
    public static Dictionary<string, AttributeValue> BarContribution(BarState bar)
    {
        var b = bar.ToBar();
        var ticks = bar.TickOffsetsText;
        var item = new Dictionary<string, AttributeValue>
        {
            [TableShape.PartitionKey] = S(HistoryKeys.BarPartition(b.Instrument, DateOnly.FromDateTime(b.MinuteStart.UtcDateTime))),
            [TableShape.SortKey] = S(HistoryKeys.BarContributionSort(b.MinuteStart, ContentHash(b, ticks))),
            [TypeAttribute] = S("BAR"),
            ["instrument"] = S(b.Instrument),
            ["minute_start"] = Time(b.MinuteStart),
            ["open"] = N(b.Open),
            ["open_time"] = Time(b.OpenTime),
            ["high"] = N(b.High),
            ["low"] = N(b.Low),
            ["close"] = N(b.Close),
            ["close_time"] = Time(b.CloseTime),
            ["ticks"] = N(b.Ticks),
            ["tick_ms"] = S(ticks),
        };
        PutIfNotNull(item, "volume", b.Volume);
        return item;
    }

    public static BarState ToBarState(Dictionary<string, AttributeValue> item)
    {
        var offsets = item.TryGetValue("tick_ms", out var stored) && stored.NS is { Count: > 0 } set
            ? set.Select(o => int.Parse(o, CultureInfo.InvariantCulture)) // written when tick times were a number set
            : MinuteBar.ParseTickOffsets(stored?.S);
        var bar = new MarketBar(
            item.GetString("instrument"),
            item.GetTime("minute_start"),
            item.GetDecimal("open"),
            item.GetTime("open_time"),
            item.GetDecimal("high"),
            item.GetDecimal("low"),
            item.GetDecimal("close"),
            item.GetTime("close_time"),
            item.GetLongOrNull("volume"),
            item.GetIntOrZero("ticks"));
        return new BarState(bar, offsets, item.GetLongOrNull("version") ?? 0);
    }

    /// <summary>64 bits of SHA-256 over everything a contribution holds: equal folds get equal keys, so a replay overwrites itself.</summary>
    private static string ContentHash(MarketBar b, string ticks)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{b.Open}|{b.OpenTime.UtcTicks}|{b.High}|{b.Low}|{b.Close}|{b.CloseTime.UtcTicks}|{b.Volume}|{ticks}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    public static Dictionary<string, AttributeValue> Eod(DateOnly date, EodRow row) => new()
    {
        [TableShape.PartitionKey] = S(HistoryKeys.EodPartition(date)),
        [TableShape.SortKey] = S(HistoryKeys.EodSort(row.Instrument, row.Account)),
        [TypeAttribute] = S("EOD"),
        ["business_date"] = S(Format(date)),
        ["account"] = S(row.Account),
        ["instrument"] = S(row.Instrument),
        ["position"] = N(row.Position),
        ["settlement_price"] = N(row.SettlementPrice),
        ["delta"] = N(row.Delta),
        ["gamma"] = N(row.Gamma),
        ["vega"] = N(row.Vega),
        ["theta"] = N(row.Theta),
    };

    public static EodRow ToEod(Dictionary<string, AttributeValue> item) => new(
        item.GetDate("business_date"),
        item.GetString("account"),
        item.GetString("instrument"),
        item.GetLong("position"),
        item.GetDecimal("settlement_price"),
        item.GetDecimal("delta"),
        item.GetDecimal("gamma"),
        item.GetDecimal("vega"),
        item.GetDecimal("theta"));

    public static Dictionary<string, AttributeValue> Sod(DateOnly date, SodRow row) => new()
    {
        [TableShape.PartitionKey] = S(HistoryKeys.SodPartition(date)),
        [TableShape.SortKey] = S(HistoryKeys.SodSort(row.Account, row.Instrument)),
        [TypeAttribute] = S("SOD"),
        ["business_date"] = S(Format(date)),
        ["account"] = S(row.Account),
        ["instrument"] = S(row.Instrument),
        ["position"] = N(row.Position),
        ["price"] = N(row.Price),
    };

    public static SodRow ToSod(Dictionary<string, AttributeValue> item) => new(
        item.GetDate("business_date"),
        item.GetString("account"),
        item.GetString("instrument"),
        item.GetLong("position"),
        item.GetDecimal("price"));

    public static Dictionary<string, AttributeValue> Trade(Trade t)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [TableShape.PartitionKey] = S(HistoryKeys.TradePartition(t.TradeId)),
            [TableShape.SortKey] = S(HistoryKeys.TradeSort),
            [TableShape.Gsi1PartitionKey] = S(HistoryKeys.BlotterPartition(t.TradeDate)),
            [TableShape.Gsi1SortKey] = S(HistoryKeys.BlotterSort(t.ExecTime, t.TradeId)),
            [TypeAttribute] = S("TRADE"),
            ["trade_id"] = S(t.TradeId),
            ["trade_date"] = S(Format(t.TradeDate)),
            ["account_id"] = S(t.AccountId),
            ["ticker"] = S(t.Ticker),
            ["side"] = S(WireNames.Of(t.Side)),
            ["quantity"] = N(t.Quantity),
            ["price"] = N(t.Price),
        };
        PutIfNotNull(item, "exec_time", t.ExecTime);
        PutIfNotNull(item, "order_id", t.OrderId);
        PutIfNotNull(item, "trader", t.Trader);
        PutIfNotNull(item, "exchange", t.Exchange);
        PutIfNotNull(item, "source_file", t.SourceFile);
        return item;
    }

    public static Trade ToTrade(Dictionary<string, AttributeValue> item) => new(
        item.GetString("trade_id"),
        item.GetDate("trade_date"),
        item.GetString("account_id"),
        item.GetString("ticker"),
        item.GetString("side") == WireNames.Of(Side.Buy) ? Side.Buy : Side.Sell,
        item.GetLong("quantity"),
        item.GetDecimal("price"),
        item.GetTimeOrNull("exec_time"),
        item.GetStringOrNull("order_id"),
        item.GetStringOrNull("trader"),
        item.GetStringOrNull("exchange"),
        item.GetStringOrNull("source_file"));

    public static Dictionary<string, AttributeValue> Position(DateOnly date, Position p)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [TableShape.PartitionKey] = S(HistoryKeys.PositionPartition(date)),
            [TableShape.SortKey] = S(HistoryKeys.PositionSort(p.AccountId, p.Ticker)),
            [TypeAttribute] = S("POSITION"),
            ["business_date"] = S(Format(date)),
            ["account_id"] = S(p.AccountId),
            ["ticker"] = S(p.Ticker),
            ["sod_qty"] = N(p.SodQty),
            ["net_qty"] = N(p.NetQty),
            ["delta"] = N(p.Delta),
            ["gamma"] = N(p.Gamma),
            ["vega"] = N(p.Vega),
            ["theta"] = N(p.Theta),
            ["updated_at"] = Time(p.UpdatedAt),
            ["greeks_source"] = S(WireNames.Of(p.GreeksSource)),
        };
        PutIfNotNull(item, "sod_price", p.SodPrice);
        PutIfNotNull(item, "avg_price", p.AvgPrice);
        PutIfNotNull(item, "mark_price", p.MarkPrice);
        PutIfNotNull(item, "realized_pnl", p.RealizedPnl);
        PutIfNotNull(item, "unrealized_pnl", p.UnrealizedPnl);
        PutIfNotNull(item, "day_pnl", p.DayPnl);
        return item;
    }

    public static Position ToPosition(Dictionary<string, AttributeValue> item) => new(
        item.GetDate("business_date"),
        item.GetString("account_id"),
        item.GetString("ticker"),
        item.GetLong("sod_qty"),
        item.GetDecimalOrNull("sod_price"),
        item.GetLong("net_qty"),
        item.GetDecimalOrNull("avg_price"),
        item.GetDecimalOrNull("mark_price"),
        item.GetDecimalOrNull("realized_pnl"),
        item.GetDecimalOrNull("unrealized_pnl"),
        item.GetDecimalOrNull("day_pnl"),
        item.GetDecimal("delta"),
        item.GetDecimal("gamma"),
        item.GetDecimal("vega"),
        item.GetDecimal("theta"),
        item.GetTime("updated_at"),
        item.GetStringOrNull("greeks_source") is { } source ? WireNames.ParseGreeksSource(source) : GreeksSource.None);

    public static Dictionary<string, AttributeValue> Order(DateTimeOffset snapshotTime, WorkingOrder o, long expiresAt)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [TableShape.PartitionKey] = S(HistoryKeys.OrderSnapshotPartition(snapshotTime)),
            [TableShape.SortKey] = S(HistoryKeys.OrderSort(o.OrderId)),
            [TypeAttribute] = S("ORDER"),
            [TableShape.ExpiresAt] = N(expiresAt),
            ["snapshot_time"] = Time(snapshotTime),
            ["order_id"] = S(o.OrderId),
        };
        PutIfNotNull(item, "account_id", o.AccountId);
        PutIfNotNull(item, "ticker", o.Ticker);
        PutIfNotNull(item, "side", o.Side);
        PutIfNotNull(item, "quantity", o.Quantity);
        PutIfNotNull(item, "price", o.Price);
        PutIfNotNull(item, "leaves_qty", o.LeavesQty);
        PutIfNotNull(item, "cum_qty", o.CumQty);
        PutIfNotNull(item, "status", o.Status);
        PutIfNotNull(item, "order_type", o.OrderType);
        PutIfNotNull(item, "time_in_force", o.TimeInForce);
        PutIfNotNull(item, "updated_at", o.UpdatedAt);
        return item;
    }

    public static Dictionary<string, AttributeValue> OrderSnapshotHeader(Frgm.Application.Ports.OrderSnapshotHeader header, long expiresAt)
    {
        var item = OrderSnapshotHeader(new OrderSnapshot(header.SnapshotTime, []), expiresAt);
        item["order_count"] = N(header.OrderCount);
        item["bucket"] = S(header.Bucket);
        item["object_key"] = S(header.ObjectKey);
        return item;
    }

    public static Dictionary<string, AttributeValue> OrderSnapshotHeader(OrderSnapshot snapshot, long expiresAt) => new()
    {
        [TableShape.PartitionKey] = S(HistoryKeys.OrderSnapshotPartition(snapshot.SnapshotTime)),
        [TableShape.SortKey] = S(HistoryKeys.OrderSnapshotHeaderSort),
        [TableShape.Gsi1PartitionKey] = S(HistoryKeys.OrderSnapshotsByDay(DateOnly.FromDateTime(snapshot.SnapshotTime.UtcDateTime))),
        [TableShape.Gsi1SortKey] = Time(snapshot.SnapshotTime),
        [TypeAttribute] = S("ORDER_SNAPSHOT"),
        [TableShape.ExpiresAt] = N(expiresAt),
        ["snapshot_time"] = Time(snapshot.SnapshotTime),
        ["order_count"] = N(snapshot.Orders.Count),
    };
}
