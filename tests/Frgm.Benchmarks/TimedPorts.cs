using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Frgm.Application.Ports;

namespace Frgm.Benchmarks;

/// <summary>
/// Wraps every port of a <see cref="StorageSet"/> in a proxy that adds each call's wall time (to the completion of
/// its task) to a per-port, per-method total, so a whole-file run can be split into its parts without touching the
/// service. Calls that overlap are each counted in full.
/// </summary>
internal sealed class PortTimes
{
    private readonly ConcurrentDictionary<string, (long Ticks, int Calls)> _totals = new(StringComparer.Ordinal);

    public StorageSet Wrap(StorageSet storage) => storage with
    {
        Objects = TimedProxy<IObjectStore>.Create(storage.Objects, "S3", this),
        Latest = TimedProxy<ILatestStateStore>.Create(storage.Latest, "Redis", this),
        History = TimedProxy<IHistoryStore>.Create(storage.History, "DynamoDB history", this),
        Alarms = TimedProxy<IAlarmStore>.Create(storage.Alarms, "DynamoDB alarms", this),
        Ledger = TimedProxy<IFileLedger>.Create(storage.Ledger, "DynamoDB ledger", this),
        Changes = TimedProxy<IChangeFeed>.Create(storage.Changes, "Redis change feed", this),
        PnlHistory = TimedProxy<IPnlHistoryStore>.Create(storage.PnlHistory, "DynamoDB P&L history", this),
    };

    public void Clear() => _totals.Clear();

    public void Add(string port, string method, TimeSpan elapsed) =>
        _totals.AddOrUpdate(port + " " + method, (elapsed.Ticks, 1), (_, t) => (t.Ticks + elapsed.Ticks, t.Calls + 1));

    public TimeSpan Total(string portPrefix) =>
        TimeSpan.FromTicks(_totals.Where(t => t.Key.StartsWith(portPrefix, StringComparison.Ordinal)).Sum(t => t.Value.Ticks));

    public TimeSpan Sum => TimeSpan.FromTicks(_totals.Values.Sum(t => t.Ticks));

    public IEnumerable<(string Call, TimeSpan Elapsed, int Calls)> Rows =>
        _totals.OrderByDescending(t => t.Value.Ticks).Select(t => (t.Key, TimeSpan.FromTicks(t.Value.Ticks), t.Value.Calls));
}

#pragma warning disable CA1812, CA1852 // DispatchProxy.Create derives the proxy type from this one at run time
internal class TimedProxy<T> : DispatchProxy
    where T : class
#pragma warning restore CA1812, CA1852
{
    private T _target = null!;
    private string _port = string.Empty;
    private PortTimes _times = null!;

    public static T Create(T target, string port, PortTimes times)
    {
        var proxy = DispatchProxy.Create<T, TimedProxy<T>>();
        var self = (TimedProxy<T>)(object)proxy;
        (self._target, self._port, self._times) = (target, port, times);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var started = Stopwatch.GetTimestamp();
        object? result;
        try
        {
            result = targetMethod.Invoke(_target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }

        if (result is Task task)
        {
            _ = task.ContinueWith(_ => _times.Add(_port, targetMethod.Name, Stopwatch.GetElapsedTime(started)), TaskScheduler.Default);
        }
        else
        {
            // Synchronous results (streams, async enumerables) are counted to the call's return only.
            _times.Add(_port, targetMethod.Name, Stopwatch.GetElapsedTime(started));
        }

        return result;
    }
}
