using System.Runtime.InteropServices;

namespace Frgm.Domain.Positions;

/// <summary>The positions of one computation, found by (account, instrument) without allocating per lookup.</summary>
internal sealed class PositionBook
{
    private readonly Dictionary<PositionKey, PositionState> _byKey = [];

    public PositionState StateFor(string account, string instrument)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, new PositionKey(account, instrument), out var exists);
        if (!exists)
        {
            state = new PositionState(account, instrument);
        }

        return state!;
    }

    /// <summary>All positions, by account then instrument (ordinal).</summary>
    public List<PositionState> Sorted()
    {
        var states = new List<PositionState>(_byKey.Values);
        states.Sort(static (a, b) =>
        {
            var byAccount = string.CompareOrdinal(a.Account, b.Account);
            return byAccount != 0 ? byAccount : string.CompareOrdinal(a.Instrument, b.Instrument);
        });
        return states;
    }
}
