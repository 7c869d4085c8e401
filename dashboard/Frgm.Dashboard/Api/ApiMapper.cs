using Frgm.Dashboard.Core;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Api;

/// <summary>Domain records → wire records, with the wire spellings of <see cref="WireNames"/>.</summary>
public static class ApiMapper
{
    public static PositionsResponse ToResponse(PositionsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new PositionsResponse(view.Date, view.Positions.Select(ToDto).ToList());
    }

    public static PositionDto ToDto(Position p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new PositionDto(
            p.AccountId, p.Ticker, p.SodQty, p.SodPrice, p.NetQty, p.AvgPrice, p.MarkPrice, p.RealizedPnl,
            p.UnrealizedPnl, p.DayPnl, p.Delta, p.Gamma, p.Vega, p.Theta, p.UpdatedAt, WireNames.Of(p.GreeksSource));
    }

    public static AccountsResponse ToResponse(AccountsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new AccountsResponse(
            view.Date,
            view.Accounts.Select(a => new AccountDto(
                a.AccountId, a.Positions, a.DayPnl, a.RealizedPnl, a.UnrealizedPnl, a.GrossExposure, a.NetExposure,
                a.Delta, a.Gamma, a.Vega, a.Theta, a.ActiveAlarms)).ToList());
    }

    public static TradeDto ToDto(Trade t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new TradeDto(
            t.TradeId, t.TradeDate, t.AccountId, t.Ticker, WireNames.Of(t.Side), t.Quantity, t.Price, t.ExecTime,
            t.OrderId, t.Trader, t.SourceFile);
    }

    public static PriceDto ToDto(PriceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var p = view.Price;
        return new PriceDto(p.Instrument, p.Price, p.Bid, p.Ask, p.Volume, p.Timestamp, Math.Round(view.AgeSeconds, 3));
    }

    public static OrdersResponse ToResponse(Core.OrdersPageView page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new OrdersResponse(
            page.SnapshotTime,
            page.Orders.Select(o => new OrderDto(
                o.OrderId, o.AccountId, o.Ticker, o.Side, o.Quantity, o.Price, o.LeavesQty, o.CumQty, o.Status,
                o.OrderType, o.TimeInForce, o.UpdatedAt)).ToList(),
            page.NextCursor);
    }

    public static AlarmDto ToDto(Alarm a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new AlarmDto(
            a.AlarmId, WireNames.Of(a.Type), WireNames.Of(a.Severity), WireNames.Of(a.State), a.AccountId, a.Ticker,
            a.Message, a.Value, a.Threshold, a.RaisedAt, a.UpdatedAt, a.AcknowledgedBy, a.ClearedAt,
            WireNames.Of(a.Kind), a.NeedsAck, a.Comment, a.ClearedBy);
    }

    public static AlarmHistoryResponse ToResponse(string alarmId, IReadOnlyList<AlarmHistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new AlarmHistoryResponse(
            alarmId,
            events.Select(e => new AlarmEventDto(
                e.At, WireNames.Of(e.Event), WireNames.Of(e.State), WireNames.Of(e.Severity), e.Value, e.By, e.Comment)).ToList());
    }

    public static FileDto ToDto(FileView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var f = view.Entry;
        return new FileDto(
            WireNames.Of(f.Bucket), f.Key, f.Feed is { } feed ? WireNames.Of(feed) : null, WireNames.Of(f.Status),
            f.Sha256, f.Rows, f.RejectedRows, f.Errors, f.ReceivedAt, f.CompletedAt, f.Duplicates, f.Notes, view.BusinessDate);
    }
}
