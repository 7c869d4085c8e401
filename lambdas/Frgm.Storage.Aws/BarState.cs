using Frgm.Domain.Bars;
using Frgm.Domain.Model;

namespace Frgm.Storage.Aws;

/// <summary>
/// A 1-minute bar as stored in DynamoDB: the domain's <see cref="MinuteBar"/> fold (which defines open, close,
/// volume and tick count) plus the item's optimistic-lock version.
/// </summary>
internal sealed class BarState
{
    private readonly MinuteBar _bar;

    private BarState(MinuteBar bar, long version)
    {
        _bar = bar;
        Version = version;
    }

    public BarState(MarketBar bar, IEnumerable<int> tickOffsets, long version)
        : this(MinuteBar.FromStored(bar, tickOffsets), version)
    {
    }

    public string Instrument => _bar.Instrument;

    public DateTimeOffset MinuteStart => _bar.MinuteStart;

    /// <summary>Milliseconds after <see cref="MinuteStart"/> of every distinct tick.</summary>
    public IReadOnlyCollection<int> TickOffsets => _bar.TickOffsets;

    /// <summary>Optimistic-lock version of the stored item; 0 for a bar not stored yet.</summary>
    public long Version { get; }

    /// <inheritdoc cref="MinuteBar.TickOffsetsText"/>
    public string TickOffsetsText => _bar.TickOffsetsText;

    public MarketBar ToBar() => _bar.ToBar();

    public static DateTimeOffset MinuteOf(DateTimeOffset timestamp) => MinuteBar.MinuteOf(timestamp);

    /// <summary>Folds prices into one bar per (instrument, minute).</summary>
    public static List<BarState> FromPrices(IEnumerable<MarketPrice> prices) =>
        [.. MinuteBar.Fold(prices).Select(b => new BarState(b, 0))];

    /// <summary>Merges <paramref name="other"/> (same instrument and minute) into this bar; true when anything changed.</summary>
    public bool MergeFrom(BarState other) => _bar.MergeFrom(other._bar);

    public BarState Copy() => new(_bar.Copy(), Version);
}
