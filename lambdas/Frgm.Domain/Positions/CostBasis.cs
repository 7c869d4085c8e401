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
/// <see cref="AveragePriceDecimals"/> places there, so every sum stays a short exact number (a sub-cent
/// difference from the unrounded rational average goes to realized).
/// <para>
/// Arithmetic runs in <see cref="FixedPoint"/> units; a price or quantity that does not fit switches this
/// position to <see cref="DecimalCostBasis"/>, carrying the state over exactly.
/// </para>
/// </summary>
internal sealed class CostBasis
{
    /// <summary>Decimal places kept for a non-terminating average (e.g. thirds); ticks need at most 8.</summary>
    public const int AveragePriceDecimals = FixedPoint.Decimals;

    private Int128 _cost;
    private Int128 _outlay;
    private Int128 _average;
    private bool _averageKnown;
    private DecimalCostBasis? _slow;

    public long NetQty { get; private set; }

    public decimal Cost => _slow?.Cost ?? FixedPoint.ToDecimal(_cost);

    public decimal Outlay => _slow?.Outlay ?? FixedPoint.ToDecimal(_outlay);

    /// <summary>Undefined (null) for a flat position.</summary>
    public decimal? AveragePrice
    {
        get
        {
            if (_slow is not null)
            {
                return _slow.AveragePrice;
            }

            return NetQty == 0 ? null : FixedPoint.ToDecimal(_averageKnown ? _average : FixedPoint.DivideRounded(_cost, NetQty));
        }
    }

    /// <summary>The opening position enters at its SOD price; called before any trade (and to restart a replay).</summary>
    public void Open(long quantity, decimal price)
    {
        NetQty = quantity;
        if (!Fits(quantity) || !FixedPoint.TryFromDecimal(price, out var units))
        {
            _slow = new DecimalCostBasis();
            _slow.Open(quantity, price);
            return;
        }

        _slow = null;
        _cost = checked(quantity * units);
        _outlay = _cost;
        _average = units;
        _averageKnown = quantity != 0;
    }

    /// <summary>One fill: adding re-averages, reducing realizes against the average, crossing zero closes
    /// the old side at its average and opens the rest at <paramref name="price"/>.</summary>
    public void Apply(long signedQty, decimal price)
    {
        Int128 units = 0;
        if (_slow is null && (!Fits(signedQty) || !Fits(NetQty + signedQty) || !FixedPoint.TryFromDecimal(price, out units)))
        {
            _slow = DecimalCostBasis.From(
                NetQty, FixedPoint.ToDecimal(_cost), FixedPoint.ToDecimal(_outlay), FixedPoint.ToDecimal(_average), _averageKnown);
        }

        if (_slow is not null)
        {
            _slow.Apply(signedQty, price);
            NetQty = _slow.NetQty;
            return;
        }

        var flow = checked(signedQty * units);
        _outlay = checked(_outlay + flow);
        var before = NetQty;
        var after = before + signedQty;
        NetQty = after;

        if (before == 0 || (before > 0) == (signedQty > 0))
        {
            // Opening or adding: the cost grows by exactly what was paid; the average is derived lazily.
            _cost = checked(_cost + flow);
            _averageKnown = false;
        }
        else if (after == 0)
        {
            _cost = 0;
            _averageKnown = false;
        }
        else if ((after > 0) == (before > 0))
        {
            // Reducing: the average is unchanged, the closed part's difference becomes realized (Cost − Outlay).
            if (!_averageKnown)
            {
                _average = FixedPoint.DivideRounded(_cost, before);
                _averageKnown = true;
            }

            _cost = _average * after;
        }
        else
        {
            // Crossing zero: what remains was opened at this trade's price.
            _cost = units * after;
            _average = units;
            _averageKnown = true;
        }
    }

    private static bool Fits(long quantity) => quantity is >= -FixedPoint.MaxQuantity and <= FixedPoint.MaxQuantity;
}
