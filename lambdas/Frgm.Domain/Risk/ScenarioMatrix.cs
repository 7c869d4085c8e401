using Frgm.Domain.Model;
using Frgm.Domain.Pricing;

namespace Frgm.Domain.Risk;

/// <summary>P&amp;L change of one (account, underlying) book: Cells[underlying shift][vol shift], in currency.</summary>
public sealed record ScenarioRow(string AccountId, string Underlying, double[][] Cells);

/// <summary>
/// Scenario matrix by full revaluation (issue 15 item 3). Per cell, every position's P&amp;L change when its
/// underlying moves by s % and volatility by v points:
/// <list type="bullet">
/// <item>options with a calibrated model: net_qty × multiplier × (Black-76 at F·(1+s), σ+v) − Black-76 at (F, σ)), σ
/// the implied volatility (floored at 0);</item>
/// <item>futures (and anything that is its own underlying): net_qty × multiplier × F·s, linear, no vol exposure;</item>
/// <item>options without model inputs: the second-order expansion of their EOD Greeks, multiplier ×
/// (delta·ΔF + gamma·ΔF²/2 + vega·v), the best available without a volatility to revalue at;</item>
/// <item>positions without a multiplier (unknown instrument) or without an underlying price contribute 0.</item>
/// </list>
/// Rows are ordered by account then underlying (ordinal).
/// </summary>
public static class ScenarioMatrix
{
    public static readonly IReadOnlyList<double> DefaultUnderlyingShifts = [-5, -3.75, -2.5, -1.25, 0, 1.25, 2.5, 3.75, 5];

    public static readonly IReadOnlyList<double> DefaultVolShifts = [-5, 0, 5];

    /// <param name="underlyingShifts">percent moves of the underlying (1.25 = +1.25 %)</param>
    /// <param name="volShifts">volatility points (5 = +0.05 absolute)</param>
    public static IReadOnlyList<ScenarioRow> Compute(
        IReadOnlyList<Position> positions,
        RiskContext context,
        IReadOnlyList<double> underlyingShifts,
        IReadOnlyList<double> volShifts)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(underlyingShifts);
        ArgumentNullException.ThrowIfNull(volShifts);
        var rows = new Dictionary<(string Account, string Underlying), double[][]>();
        foreach (var position in positions)
        {
            var info = context.For(position);
            var key = (position.AccountId, info.Underlying);
            if (!rows.TryGetValue(key, out var cells))
            {
                cells = NewCells(underlyingShifts.Count, volShifts.Count);
                rows[key] = cells;
            }

            Add(cells, position, info, underlyingShifts, volShifts);
        }

        return rows
            .OrderBy(r => r.Key.Account, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Underlying, StringComparer.Ordinal)
            .Select(r => new ScenarioRow(r.Key.Account, r.Key.Underlying, r.Value))
            .ToList();
    }

    /// <summary>One position's P&amp;L change for one cell (the unit the tests and the benchmark check).</summary>
    public static double Cell(Position position, RiskInstrument info, double underlyingShiftPercent, double volShiftPoints)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(info);
        if (position.NetQty == 0 || info.Reference is not { } reference)
        {
            return 0.0;
        }

        var quantity = position.NetQty * (double)reference.Multiplier;
        var s = underlyingShiftPercent / 100.0;
        if (info.Model is { } model)
        {
            var f = model.Inputs.Forward;
            var shifted = model.Inputs with
            {
                Forward = f * (1.0 + s),
                Volatility = Math.Max(model.Inputs.Volatility + (volShiftPoints / 100.0), 0.0),
            };
            return shifted.Forward > 0 ? quantity * (Black76.Price(shifted) - model.Greeks.Price) : 0.0;
        }

        if (info.UnderlyingPrice is not { } price)
        {
            return 0.0;
        }

        var df = (double)price * s;
        if (!info.IsOption)
        {
            return quantity * df;
        }

        // Position Greeks are already net_qty × per contract; only the multiplier is left to apply.
        var multiplier = (double)reference.Multiplier;
        return multiplier * (((double)position.Delta * df) + (0.5 * (double)position.Gamma * df * df) + ((double)position.Vega * volShiftPoints));
    }

    private static void Add(double[][] cells, Position position, RiskInstrument info, IReadOnlyList<double> underlyingShifts, IReadOnlyList<double> volShifts)
    {
        for (var i = 0; i < underlyingShifts.Count; i++)
        {
            var row = cells[i];
            for (var j = 0; j < volShifts.Count; j++)
            {
                row[j] += Cell(position, info, underlyingShifts[i], volShifts[j]);
            }
        }
    }

    private static double[][] NewCells(int underlying, int vol)
    {
        var cells = new double[underlying][];
        for (var i = 0; i < underlying; i++)
        {
            cells[i] = new double[vol];
        }

        return cells;
    }
}
