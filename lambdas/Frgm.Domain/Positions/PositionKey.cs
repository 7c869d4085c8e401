namespace Frgm.Domain.Positions;

/// <summary>
/// (account, instrument) identity of a position: a struct with ordinal equality, so the engine's per-trade
/// dictionary lookup allocates nothing.
/// </summary>
internal readonly struct PositionKey(string account, string instrument) : IEquatable<PositionKey>
{
    public string Account { get; } = account;

    public string Instrument { get; } = instrument;

    public bool Equals(PositionKey other) =>
        string.Equals(Account, other.Account, StringComparison.Ordinal)
        && string.Equals(Instrument, other.Instrument, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PositionKey other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(
            Account.GetHashCode(StringComparison.Ordinal),
            Instrument.GetHashCode(StringComparison.Ordinal));
}
