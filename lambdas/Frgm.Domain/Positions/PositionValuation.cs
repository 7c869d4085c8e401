using Frgm.Domain.Model;

namespace Frgm.Domain.Positions;

/// <summary>Turns a finished <see cref="PositionState"/> plus mark, multiplier and per-contract Greeks (with their source) into the served row.</summary>
internal static class PositionValuation
{
    /// <param name="multiplier">null for an instrument missing from reference data: every P&amp;L field is null.</param>
    /// <param name="mark">null when neither a price nor a settlement exists: unrealized and day P&amp;L are null.</param>
    public static Position Value(
        DateOnly businessDate,
        PositionState state,
        decimal? multiplier,
        decimal? mark,
        (Risk.PerContractGreeks PerContract, GreeksSource Source) greeks,
        DateTimeOffset updatedAt)
    {
        var basis = state.Basis;
        var net = basis.NetQty;
        decimal? realized = null;
        decimal? unrealized = null;
        decimal? day = null;
        if (multiplier is { } m)
        {
            realized = m * (basis.Cost - basis.Outlay);
            if (mark is { } price)
            {
                var marketValue = net * price;
                unrealized = m * (marketValue - basis.Cost);
                day = m * (marketValue - basis.Outlay);
            }
        }

        return new Position(
            businessDate,
            state.Account,
            state.Instrument,
            state.SodQty,
            state.SodPrice,
            net,
            basis.AveragePrice,
            mark,
            realized,
            unrealized,
            day,
            net * greeks.PerContract.Delta,
            net * greeks.PerContract.Gamma,
            net * greeks.PerContract.Vega,
            net * greeks.PerContract.Theta,
            updatedAt.ToUniversalTime(),
            greeks.Source);
    }
}
