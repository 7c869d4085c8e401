namespace Frgm.Dashboard.Core;

/// <summary>A counter bumped on every change event: caches built at an older version are stale.</summary>
public sealed class ChangeVersion
{
    private long _value;

    public long Current => Volatile.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}
