using System.Collections.Concurrent;

namespace Frgm.Dashboard.Core;

/// <summary>
/// Read-through cache whose entries live until the next change event (see <see cref="ChangeVersion"/>) or
/// <c>maxAge</c>, whichever comes first. The age bound is a safety net for a lost pub/sub message in AWS mode.
/// Failed loads are never kept; two readers racing on a miss may both load, which is harmless.
/// </summary>
public sealed class VersionedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly ChangeVersion _version;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxAge;
    private readonly int _capacity;

    public VersionedCache(ChangeVersion version, TimeProvider clock, TimeSpan maxAge, int capacity)
    {
        _version = version;
        _clock = clock;
        _maxAge = maxAge;
        _capacity = capacity;
    }

    public Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var version = _version.Current;
        var now = _clock.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry)
            && entry.Version == version
            && _clock.GetElapsedTime(entry.LoadedAt, now) < _maxAge
            && !entry.Value.IsFaulted
            && !entry.Value.IsCanceled)
        {
            return entry.Value;
        }

        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }

        var fresh = new Entry(version, now, load(key));
        _entries[key] = fresh;
        return fresh.Value;
    }

    private sealed record Entry(long Version, long LoadedAt, Task<TValue> Value);
}
