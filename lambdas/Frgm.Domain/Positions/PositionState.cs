namespace Frgm.Domain.Positions;

/// <summary>One (account, instrument) position while the day's trades are applied.</summary>
internal sealed class PositionState(string account, string instrument)
{
    public string Account { get; } = account;

    public string Instrument { get; } = instrument;

    public long SodQty { get; private set; }

    public decimal? SodPrice { get; private set; }

    public CostBasis Basis { get; } = new();

    /// <summary>Called before any trade; a repeated SOD row for the same position replaces the earlier one.</summary>
    public void Open(long quantity, decimal price)
    {
        SodQty = quantity;
        SodPrice = price;
        Basis.Open(quantity, price);
    }
}
