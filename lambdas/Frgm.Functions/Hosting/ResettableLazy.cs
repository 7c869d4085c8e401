namespace Frgm.Functions.Hosting;

/// <summary>
/// Builds a value once per process, asynchronously. Unlike Lazy&lt;Task&gt;, a failed build is not cached:
/// a warm Lambda whose first init hit a transient fault (secret not yet readable) recovers on the next event.
/// </summary>
internal sealed class ResettableLazy<T>
    where T : class
{
    private readonly Func<CancellationToken, Task<T>> _factory;
    private readonly Lock _gate = new();
    private Task<T>? _task;

    public ResettableLazy(Func<CancellationToken, Task<T>> factory) => _factory = factory;

    public Task<T> GetAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                _task = _factory(ct);
            }

            return _task;
        }
    }
}
