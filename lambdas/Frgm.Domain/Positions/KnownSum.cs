namespace Frgm.Domain.Positions;

/// <summary>
/// Sum of the known values; null only when every value was unknown (or there were none). Account summaries and the
/// risk roll-up both total P&amp;L this way, so an unknown mark never reads as zero.
/// </summary>
internal struct KnownSum
{
    private decimal _total;
    private bool _any;

    public readonly decimal? Value => _any ? _total : null;

    public void Add(decimal? value)
    {
        if (value is { } v)
        {
            _total += v;
            _any = true;
        }
    }
}
