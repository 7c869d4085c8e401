using Frgm.Dashboard.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Frgm.Dashboard.Api;

public sealed record PnlPointDto(DateTimeOffset At, decimal DayPnl);

public sealed record PnlHistoryResponse(string AccountId, DateOnly Date, IReadOnlyList<PnlPointDto> Points, PnlPointDto? High, PnlPointDto? Low);

/// <summary>GET /api/accounts/{account_id}/pnl-history (API.md): the account's day P&amp;L at each recompute, one point a minute.</summary>
public static class PnlHistoryEndpoints
{
    public const string Route = "/api/accounts/{account_id}/pnl-history";

    public static void MapPnlHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, async (string account_id, HttpContext http, PnlHistoryReader history) =>
                TypedResults.Ok(await ReadAsync(history, account_id, http.Request.Query, http.RequestAborted)))
            .WithTags("api")
            .WithName("GetAccountPnlHistory")
            .WithCsv("pnl-history", (PnlHistoryResponse r) => r.Points);
    }

    /// <summary>The response, or a 404 naming the account and date; a bad date is the usual 400.</summary>
    public static async Task<PnlHistoryResponse> ReadAsync(PnlHistoryReader history, string accountId, IQueryCollection query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(history);
        var date = ApiQuery.Date(query);
        var view = await history.GetAsync(accountId, date, ct)
            ?? throw ApiProblemException.NotFound(
                $"No account '{Requests.MessageText.Prefix(accountId)}' has positions or P&L history on {(date is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "the latest business date")}.");
        return new PnlHistoryResponse(
            view.AccountId,
            view.Date,
            view.Points.Select(ToDto).ToList(),
            view.High is { } high ? ToDto(high) : null,
            view.Low is { } low ? ToDto(low) : null);
    }

    private static PnlPointDto ToDto(Frgm.Application.Ports.PnlPoint p) => new(p.At, p.DayPnl);
}
