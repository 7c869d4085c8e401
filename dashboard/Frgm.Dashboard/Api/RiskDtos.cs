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
