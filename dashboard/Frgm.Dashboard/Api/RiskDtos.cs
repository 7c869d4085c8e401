namespace Frgm.Dashboard.Api;

// Wire shapes of /api/risk and /api/risk/scenarios (API.md); snake_case through ApiJsonContext.

public sealed record RiskResponse(DateOnly? Date, IReadOnlyList<RiskGroupDto> Groups);

/// <summary>One level of the tree: level is product, underlying, expiry or contract; contracts have no children.</summary>
public sealed record RiskGroupDto(
    string Level,
    string Key,
    long NetQty,
    decimal? DayPnl,
    decimal? RealizedPnl,
    decimal? UnrealizedPnl,
    decimal Delta,
    decimal Gamma,
    decimal Vega,
    decimal Theta,
    decimal? DeltaNotional,
    IReadOnlyList<RiskGroupDto> Children);

/// <summary>cells[i][j]: P&amp;L change for underlying_shifts[i] and vol_shifts[j].</summary>
public sealed record ScenariosResponse(
    DateOnly? Date,
    IReadOnlyList<double> UnderlyingShifts,
    IReadOnlyList<double> VolShifts,
    IReadOnlyList<ScenarioRowDto> Rows);

public sealed record ScenarioRowDto(string AccountId, string Underlying, IReadOnlyList<IReadOnlyList<double>> Cells);

/// <summary>A CSV row of /api/risk: one per node of the tree, depth first, its path spelled out in the level columns.</summary>
public sealed record RiskCsvRow(
    string Level,
    string? Product,
    string? Underlying,
    string? Expiry,
    string? Contract,
    long NetQty,
    decimal? DayPnl,
    decimal? RealizedPnl,
    decimal? UnrealizedPnl,
    decimal Delta,
    decimal Gamma,
    decimal Vega,
    decimal Theta,
    decimal? DeltaNotional)
{
    private static readonly string[] Levels = ["product", "underlying", "expiry", "contract"];

    public static IEnumerable<RiskCsvRow> From(IReadOnlyList<RiskGroupDto> groups) => Walk(groups, []);

    private static IEnumerable<RiskCsvRow> Walk(IReadOnlyList<RiskGroupDto> groups, string[] path)
    {
        foreach (var g in groups)
        {
            string[] here = [.. path, g.Key];
            string? At(string level) => Array.IndexOf(Levels, level) is var i && i >= 0 && i < here.Length ? here[i] : null;
            yield return new RiskCsvRow(
                g.Level, At("product"), At("underlying"), At("expiry"), At("contract"), g.NetQty, g.DayPnl, g.RealizedPnl,
                g.UnrealizedPnl, g.Delta, g.Gamma, g.Vega, g.Theta, g.DeltaNotional);
            foreach (var child in Walk(g.Children, here))
            {
                yield return child;
            }
        }
    }
}

/// <summary>A CSV row of /api/risk/scenarios: one per cell.</summary>
public sealed record ScenarioCsvRow(string AccountId, string Underlying, double UnderlyingShift, double VolShift, double PnlChange)
{
    public static IEnumerable<ScenarioCsvRow> From(ScenariosResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        foreach (var row in r.Rows)
        {
            for (var i = 0; i < r.UnderlyingShifts.Count; i++)
            {
                for (var j = 0; j < r.VolShifts.Count; j++)
                {
                    yield return new ScenarioCsvRow(row.AccountId, row.Underlying, r.UnderlyingShifts[i], r.VolShifts[j], row.Cells[i][j]);
                }
            }
        }
    }
}
