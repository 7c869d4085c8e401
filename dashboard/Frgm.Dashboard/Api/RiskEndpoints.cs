using Frgm.Dashboard.Core;
using Frgm.Domain.Risk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Frgm.Dashboard.Api;

/// <summary>/api/risk (product → underlying → expiry → contract) and /api/risk/scenarios (API.md).</summary>
public static class RiskEndpoints
{
    public static void MapRiskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("api");

        api.MapGet("/risk", async (HttpContext http, RiskReader reader) =>
            TypedResults.Ok(ToResponse(await reader.GetRiskAsync(Filter(http.Request.Query), http.RequestAborted))))
            .WithName("GetRisk").WithCsv("risk", (RiskResponse r) => RiskCsvRow.From(r.Groups));

        api.MapGet("/risk/scenarios", async (HttpContext http, RiskReader reader) =>
        {
            var query = http.Request.Query;
            var filter = Filter(query);
            var underlying = ShiftListQuery.UnderlyingShifts(query);
            var vol = ShiftListQuery.VolShifts(query);
            return TypedResults.Ok(ToResponse(await reader.GetScenariosAsync(filter, underlying, vol, http.RequestAborted)));
        }).WithName("GetRiskScenarios").WithCsv("risk-scenarios", (ScenariosResponse r) => ScenarioCsvRow.From(r));
    }

    public static RiskFilter Filter(IQueryCollection query) =>
        new(ApiQuery.Filter(query), ApiQuery.Text(query, "product"), ApiQuery.Text(query, "underlying"));

    public static RiskResponse ToResponse(RiskView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new RiskResponse(view.Date, view.Groups.Select(ToDto).ToList());
    }

    public static ScenariosResponse ToResponse(ScenariosView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new ScenariosResponse(
            view.Date,
            view.UnderlyingShifts,
            view.VolShifts,
            view.Rows.Select(r => new ScenarioRowDto(r.AccountId, r.Underlying, r.Cells)).ToList());
    }

    private static RiskGroupDto ToDto(RiskNode n) => new(
        n.Level, n.Key, n.NetQty, n.DayPnl, n.RealizedPnl, n.UnrealizedPnl, n.Delta, n.Gamma, n.Vega, n.Theta, n.DeltaNotional,
        n.Children.Select(ToDto).ToList());
}
