namespace Frgm.Domain.Feeds.Csv;

/// <summary>
/// Per-file pool for values that repeat on many rows (instrument, account, trader): each distinct text is
/// allocated once. Bounded, so a file of all-distinct values costs normal allocations, not a growing table.
/// </summary>
internal sealed class StringCache
{
    private const int MaxEntries = 8192;
    private const int MaxLength = 128;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringCache() => _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        if (_lookup.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var value = text.ToString();
        if (_values.Count < MaxEntries && text.Length <= MaxLength)
        {
            _values[value] = value;
        }

        return value;
    }
}
