using System.Diagnostics.CodeAnalysis;

namespace Frgm.Domain.Model;

/// <summary>Instrument reference data looked up by key (exact, case-sensitive as the feeds spell it).</summary>
public sealed class InstrumentCatalog
{
    private readonly Dictionary<string, Instrument> _byKey;

    public InstrumentCatalog(IEnumerable<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _byKey = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (var instrument in instruments)
        {
            _byKey[instrument.Key] = instrument;
        }
    }

    public static InstrumentCatalog Empty { get; } = new([]);

    public int Count => _byKey.Count;

    public IEnumerable<Instrument> All => _byKey.Values;

    public bool TryGet(string key, [MaybeNullWhen(false)] out Instrument instrument) =>
        _byKey.TryGetValue(key, out instrument);
}
