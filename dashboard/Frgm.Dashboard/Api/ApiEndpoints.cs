using System.Net;
using Frgm.Dashboard.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Frgm.Dashboard.Api;

/// <summary>The /api/* routes of API.md. Thin: validate parameters, ask <see cref="DashboardReader"/>, map to the wire.</summary>
public static class ApiEndpoints
{
    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("api");
        app.MapRiskApi();

        api.MapGet("/positions", async (HttpContext http, PositionsResponseCache cache) =>
            Results.Bytes(await cache.GetAsync(ApiQuery.Filter(http.Request.Query), http.RequestAborted), "application/json"))
            .Produces<PositionsResponse>().WithName("GetPositions")
            .WithCsv("positions", (PositionsResponse r) => r.Positions);

        api.MapGet("/accounts", async (HttpContext http, DashboardReader reader) =>
            TypedResults.Ok(ApiMapper.ToResponse(await reader.GetAccountsAsync(ApiQuery.Filter(http.Request.Query), http.RequestAborted))))
            .WithName("GetAccounts").WithCsv("accounts", (AccountsResponse r) => r.Accounts);

        api.MapGet("/blotter", async (HttpContext http, DashboardReader reader) =>
        {
            var query = http.Request.Query;
            var filter = ApiQuery.Filter(query);
            var limit = ApiQuery.Limit(query);
            var cursor = ApiQuery.Cursor(query);
            var (date, page) = await ReadBlotterAsync(reader, filter, limit, cursor, http.RequestAborted);
            return TypedResults.Ok(new BlotterResponse(date, page.Trades.Select(ApiMapper.ToDto).ToList(), page.NextCursor));
        }).WithName("GetBlotter").WithCsv("blotter", (BlotterResponse r) => r.Trades, r => r.NextCursor);

        api.MapGet("/market", async (HttpContext http, DashboardReader reader) =>
        {
            var filter = ApiQuery.Filter(http.Request.Query);
            var prices = await reader.GetMarketAsync(filter.Ticker, http.RequestAborted);
            return TypedResults.Ok(new MarketResponse(prices.Select(ApiMapper.ToDto).ToList()));
        }).WithName("GetMarket").WithCsv("market", (MarketResponse r) => r.Prices);

        api.MapGet("/orders", async (HttpContext http, DashboardReader reader) =>
            TypedResults.Ok(ApiMapper.ToResponse(await ReadOrdersAsync(reader, http.Request.Query, http.RequestAborted))))
            .WithName("GetOrders").WithCsv("orders", (OrdersResponse r) => r.Orders, r => r.NextCursor);

        api.MapGet("/alarms", async (HttpContext http, DashboardReader reader) =>
        {
            var query = http.Request.Query;
            var alarms = await reader.GetAlarmsAsync(ApiQuery.State(query), ApiQuery.Filter(query), http.RequestAborted, ApiQuery.NeedsAck(query));
            return TypedResults.Ok(new AlarmsResponse(alarms.Select(ApiMapper.ToDto).ToList()));
        }).WithName("GetAlarms").WithCsv("alarms", (AlarmsResponse r) => r.Alarms);

        api.MapPost("/alarms/{alarm_id}/ack", async (string alarm_id, HttpContext http, AlarmAcknowledger acknowledger, Identity.AlbIdentity identity) =>
        {
            var ack = await AckRequestReader.ReadAsync(http, identity);
            return TypedResults.Ok(ApiMapper.ToDto(await AcknowledgeAsync(acknowledger, alarm_id, ack, http.RequestAborted)));
        }).Accepts<AckRequest>("application/json").WithName("AcknowledgeAlarm");

        api.MapGet("/alarms/{alarm_id}/history", async (string alarm_id, HttpContext http, DashboardReader reader) =>
        {
            var events = await reader.GetAlarmHistoryAsync(alarm_id, http.RequestAborted)
                ?? throw ApiProblemException.NotFound($"No alarm has id '{Requests.MessageText.Prefix(alarm_id)}'.");
            return TypedResults.Ok(ApiMapper.ToResponse(alarm_id, events));
        }).WithName("GetAlarmHistory").WithCsv("alarm-history", (AlarmHistoryResponse r) => r.Events);

        api.MapGet("/files", async (HttpContext http, DashboardReader reader) =>
        {
            var page = await ReadFilesAsync(reader, ApiQuery.Files(http.Request.Query), http.RequestAborted);
            return TypedResults.Ok(new FilesResponse(page.Files.Select(ApiMapper.ToDto).ToList(), page.NextCursor));
        }).WithName("GetFiles").WithCsv("files", (FilesResponse r) => r.Files, r => r.NextCursor);
    }

    private static async Task<(DateOnly? Date, Frgm.Application.Ports.BlotterPage Page)> ReadBlotterAsync(
        DashboardReader reader, DataFilter filter, int limit, string? cursor, CancellationToken ct)
    {
        try
        {
            return await reader.GetBlotterAsync(filter, limit, cursor, ct);
        }
        catch (Exception ex) when (cursor is not null && ex is FormatException or ArgumentException)
        {
            throw new ApiProblemException(HttpStatusCode.BadRequest, ApiErrorCodes.BadParameter,
                $"Parameter 'cursor' must be a next_cursor value returned by this API; got '{Requests.MessageText.Prefix(cursor)}'.");
        }
    }

    /// <summary>Paged like the blotter (<c>limit</c>, <c>cursor</c>); a cursor this listing did not issue is a 400.</summary>
    public static async Task<FilesPageView> ReadFilesAsync(DashboardReader reader, FileQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            return await reader.GetFilesAsync(query, ct);
        }
        catch (FormatException) when (query.Cursor is not null)
        {
            throw new ApiProblemException(HttpStatusCode.BadRequest, ApiErrorCodes.BadParameter,
                $"Parameter 'cursor' must be a next_cursor value returned by /api/files; got '{Requests.MessageText.Prefix(query.Cursor)}'.");
        }
    }

    /// <summary>Paged like the blotter: <c>limit</c> (default 500, max 5000), <c>cursor</c>, filters <c>account_id</c>, <c>ticker</c>.</summary>
    public static async Task<OrdersPageView> ReadOrdersAsync(DashboardReader reader, IQueryCollection query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var filter = ApiQuery.Filter(query);
        var limit = ApiQuery.Limit(query);
        var cursor = ApiQuery.Cursor(query);
        try
        {
            return await reader.GetOrdersAsync(filter, limit, cursor, ct);
        }
        catch (Exception ex) when (cursor is not null && ex is FormatException or ArgumentException)
        {
            throw new ApiProblemException(HttpStatusCode.BadRequest, ApiErrorCodes.BadParameter,
                $"Parameter 'cursor' must be a next_cursor value returned by this API for the current snapshot ({ex.Message}); got '{Requests.MessageText.Prefix(cursor)}'.");
        }
    }

    /// <summary>The acknowledged alarm; 404 for an unknown id, 409 for an alarm already CLEARED and acknowledged (API.md).</summary>
    internal static async Task<Frgm.Domain.Model.Alarm> AcknowledgeAsync(AlarmAcknowledger acknowledger, string id, AckInput ack, CancellationToken ct)
    {
        var result = await acknowledger.AcknowledgeAsync(id, ack.By, ack.Comment, ct);
        return result switch
        {
            { Outcome: AckOutcome.Acknowledged, Alarm: { } alarm } => alarm,
            { Outcome: AckOutcome.AlreadyDone, Alarm: { } done } => throw new ApiProblemException(
                HttpStatusCode.Conflict,
                ApiErrorCodes.Conflict,
                $"Alarm '{id}' is already cleared and was acknowledged by {done.AcknowledgedBy}; there is nothing left to acknowledge."),
            _ => throw ApiProblemException.NotFound($"No alarm has id '{Requests.MessageText.Prefix(id)}'."),
        };
    }
}
