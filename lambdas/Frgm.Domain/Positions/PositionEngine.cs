using Frgm.Domain.Model;

namespace Frgm.Domain.Positions;

/// <summary>Positions, P&amp;L and Greeks for one business date (FORMATS.md "Positions and P&amp;L").</summary>
public static class PositionEngine
{
    /// <summary>
    /// One position per (account, instrument) that has a SOD row or a trade on
    /// <see cref="PositionInputs.BusinessDate"/>, ordered by account then instrument (ordinal).
    /// Rows of other dates are ignored (EOD rows dated after the business date too); a repeated SOD row
    /// for a position replaces the earlier one. Trades: first of each trade id wins, applied in exec-time
    /// order (missing times last, ties in input order). Average cost with SOD entering at its price;
    /// <c>avg_price</c> is cost basis ÷ net_qty rounded to 12 decimal places (exact for tick prices; only
    /// averages like thirds are rounded). realized + unrealized == day P&amp;L exactly. An instrument missing
    /// from the catalog gets null P&amp;L; a missing mark (no price, no settlement) gets null unrealized and
    /// day P&amp;L. Greeks (<see cref="Position.GreeksSource"/>): net_qty × per-contract values, from the live
    /// model when the option and its underlying have prices and the option's reference row all model terms
    /// (<see cref="Risk.OptionModel"/>, <c>model</c>); else from the instrument's latest EOD date (the same
    /// account's row, else its first row there; <c>eod</c>); else 0 (<c>none</c>).
    /// </summary>
    public static IReadOnlyList<Position> Compute(PositionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var date = inputs.BusinessDate;
        var book = new PositionBook();

        var sod = inputs.Sod;
        for (var i = 0; i < sod.Count; i++)
        {
            var row = sod[i];
            if (row.BusinessDate == date)
            {
                book.StateFor(row.Account, row.Instrument).Open(row.Position, row.Price);
            }
        }

        TradeApplier.Apply(inputs.Trades, date, book);

        var eod = EodReference.For(inputs.EodRows, date);
        var states = book.Sorted();
        var models = new Dictionary<string, Risk.CalibratedOption?>(StringComparer.Ordinal);

        var positions = new Position[states.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            var state = states[i];
            decimal? multiplier = inputs.Instruments.TryGet(state.Instrument, out var instrument)
                ? instrument.Multiplier
                : null;
            var mark = inputs.LatestPrices.TryGetValue(state.Instrument, out var price)
                ? price.Price
                : eod.Settlement(state.Instrument);
            positions[i] = PositionValuation.Value(
                date,
                state,
                multiplier,
                mark,
                GreeksFor(state, instrument, inputs, eod, models),
                inputs.Now);
        }

        return positions;
    }

    private static (Risk.PerContractGreeks Greeks, GreeksSource Source) GreeksFor(
        PositionState state,
        Instrument? instrument,
        PositionInputs inputs,
        EodReference eod,
        Dictionary<string, Risk.CalibratedOption?> models)
    {
        if (instrument is { IsOption: true })
        {
            if (!models.TryGetValue(state.Instrument, out var model))
            {
                model = Risk.OptionModel.Calibrate(instrument, inputs.LatestPrices, inputs.Rate);
                models[state.Instrument] = model;
            }

            if (model is not null)
            {
                return (model.PerContract, GreeksSource.Model);
            }
        }

        return eod.GreeksRow(state.Account, state.Instrument) is { } row
            ? (new Risk.PerContractGreeks(row.Delta, row.Gamma, row.Vega, row.Theta), GreeksSource.Eod)
            : (default, GreeksSource.None);
    }

    /// <summary>
    /// Per-account roll-up for /api/accounts, ordered by date then account. P&amp;L and exposure totals are
    /// the sum of the known values (positions with a null value are left out), null only when every
    /// position's value is null. Exposure per position = net_qty × mark × multiplier (unknown without
    /// both); gross sums its absolute values, net the signed ones. Greeks are plain sums.
    /// <c>active_alarms</c> counts the open alarms (ACTIVE or ACKNOWLEDGED) whose account is that account.
    /// </summary>
    public static IReadOnlyList<AccountSummary> Summarize(
        IReadOnlyList<Position> positions,
        InstrumentCatalog instruments,
        IReadOnlyCollection<Alarm> openAlarms)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(openAlarms);
        return AccountSummarizer.Summarize(positions, instruments, openAlarms);
    }

    /// <summary>
    /// A second SOD file for a date replaces the opening positions of the accounts it names: every current
    /// row whose (business date, account) appears in <paramref name="incoming"/> is dropped, the others are
    /// kept in order, and the incoming rows follow.
    /// </summary>
    public static IReadOnlyList<SodRow> Restate(IReadOnlyList<SodRow> current, IReadOnlyList<SodRow> incoming)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(incoming);
        return SodRestatement.Restate(current, incoming);
    }
}
