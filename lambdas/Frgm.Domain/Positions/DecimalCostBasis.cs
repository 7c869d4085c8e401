namespace Frgm.Domain.Positions;

/// <summary>
/// <see cref="CostBasis"/> in plain decimal arithmetic: the slow path, taken by a position only when a price
/// or quantity does not fit the fixed-point one (more than 12 decimal places, or beyond its range).
/// Same rules, same 12-place average, so results agree with the fast path.
/// </summary>
internal sealed class DecimalCostBasis
{
    private decimal _average;
    private bool _averageKnown;

    public long NetQty { get; private set; }

    public decimal Cost { get; private set; }

    public decimal Outlay { get; private set; }

    /// <summary>net_qty × avg for a flat position is 0, and its average is undefined (null).</summary>
    public decimal? AveragePrice =>
        NetQty == 0 ? null : _averageKnown ? _average : Math.Round(Cost / NetQty, CostBasis.AveragePriceDecimals);

    /// <summary>Continues exactly where the fixed-point path stopped.</summary>
    public static DecimalCostBasis From(long netQty, decimal cost, decimal outlay, decimal average, bool averageKnown) =>
        new() { NetQty = netQty, Cost = cost, Outlay = outlay, _average = average, _averageKnown = averageKnown };

    /// <summary>The opening position enters at its SOD price; called before any trade.</summary>
    public void Open(long quantity, decimal price)
    {
        NetQty = quantity;
        Cost = quantity * price;
        Outlay = Cost;
        _average = price;
        _averageKnown = quantity != 0;
    }

    /// <summary>One fill: adding re-averages, reducing realizes against the average, crossing zero closes
    /// the old side at its average and opens the rest at <paramref name="price"/>.</summary>
    public void Apply(long signedQty, decimal price)
    {
        var flow = signedQty * price;
        Outlay += flow;
        var before = NetQty;
        var after = before + signedQty;
        NetQty = after;

        if (before == 0 || (before > 0) == (signedQty > 0))
        {
            // Opening or adding: the cost grows by exactly what was paid; the average is derived lazily.
            Cost += flow;
            _averageKnown = false;
        }
        else if (after == 0)
        {
            Cost = 0;
            _averageKnown = false;
        }
        else if ((after > 0) == (before > 0))
        {
            // Reducing: the average is unchanged, the closed part's difference becomes realized (Cost − Outlay).
            if (!_averageKnown)
            {
                _average = Math.Round(Cost / before, CostBasis.AveragePriceDecimals);
                _averageKnown = true;
            }

            Cost = _average * after;
        }
        else
        {
            // Crossing zero: what remains was opened at this trade's price.
            Cost = price * after;
            _average = price;
            _averageKnown = true;
        }
    }
}
