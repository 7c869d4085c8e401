namespace Frgm.Domain.Positions;

/// <summary>One (account, instrument) position while the day's trades are applied.</summary>
internal sealed class PositionState(string account, string instrument)
{
    public string Account { get; } = account;

    public string Instrument { get; } = instrument;

    public long SodQty { get; private set; }

    public decimal? SodPrice { get; private set; }

    public CostBasis Basis { get; } = new();

    /// <summary>Greatest exec time (UTC ticks; missing = long.MaxValue) applied so far.</summary>
    public long LastTicks { get; set; } = long.MinValue;

    /// <summary>A trade arrived older than one already applied: the trades must be re-applied in time order.</summary>
    public bool OutOfOrder { get; set; }

    /// <summary>Called before any trade; a repeated SOD row for the same position replaces the earlier one.</summary>
    public void Open(long quantity, decimal price)
    {
        SodQty = quantity;
        SodPrice = price;
        Basis.Open(quantity, price);
    }

    /// <summary>Back to the opening position, before re-applying the day's trades in order.</summary>
    public void Reopen() => Basis.Open(SodQty, SodPrice ?? 0m);
}
