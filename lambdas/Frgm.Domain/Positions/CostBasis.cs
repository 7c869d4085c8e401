namespace Frgm.Domain.Positions;

/// <summary>
/// Running average-cost state of one (account, instrument) position, in price points (the caller applies
/// the contract multiplier). Kept as two exact sums so realized + unrealized == day P&amp;L holds to the last
/// decimal digit:
/// <list type="bullet">
/// <item><c>Outlay</c> = sod_qty × sod_price + Σ signed_qty × trade_price (what the position cost in total);</item>
/// <item><c>Cost</c> = net_qty × avg_price (the basis still held).</item>
/// </list>
/// Then realized = Cost − Outlay, unrealized = net × mark − Cost and day = net × mark − Outlay, each an exact
/// decimal expression. Only a reduction needs the average itself; it is rounded to
/// <see cref="AveragePriceDecimals"/> places there, which keeps every later sum exact (no 28-digit overflow of
/// decimal's precision) at a cost far below a cent.
/// </summary>
internal sealed class CostBasis
{
    /// <summary>Decimal places kept for a non-terminating average (e.g. thirds); ticks need at most 8.</summary>
    public const int AveragePriceDecimals = 12;

    private decimal _average;
    private bool _averageKnown;

    public long NetQty { get; private set; }

    public decimal Cost { get; private set; }

    public decimal Outlay { get; private set; }

    /// <summary>net_qty × avg for a flat position is 0, and its average is undefined (null).</summary>
    public decimal? AveragePrice =>
        NetQty == 0 ? null : _averageKnown ? _average : Math.Round(Cost / NetQty, AveragePriceDecimals);

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
                _average = Math.Round(Cost / before, AveragePriceDecimals);
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
