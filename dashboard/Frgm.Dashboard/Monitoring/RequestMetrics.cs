using System.Collections.Concurrent;

namespace Frgm.Dashboard.Monitoring;

/// <summary>Request counts (route, method, status) and a latency histogram per route, lock-free on the hot path.</summary>
public sealed class RequestMetrics
{
    public static readonly double[] BucketBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly ConcurrentDictionary<(string Route, string Method, int Status), Counter> _counts = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);

    public void Record(string route, string method, int status, double? seconds)
    {
        _counts.GetOrAdd((route, method, status), static _ => new Counter()).Increment();
        if (seconds is { } s)
        {
            _latency.GetOrAdd(route, static _ => new Histogram()).Observe(s);
        }
    }

    public IEnumerable<(string Route, string Method, int Status, long Count)> Counts =>
        _counts.Select(kv => (kv.Key.Route, kv.Key.Method, kv.Key.Status, kv.Value.Value))
            .OrderBy(c => c.Route, StringComparer.Ordinal).ThenBy(c => c.Method, StringComparer.Ordinal).ThenBy(c => c.Status);

    public IEnumerable<(string Route, HistogramSnapshot Snapshot)> Latencies =>
        _latency.Select(kv => (kv.Key, kv.Value.Snapshot())).OrderBy(l => l.Key, StringComparer.Ordinal);

    public long TotalRequests => _counts.Values.Sum(c => c.Value);

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }

    private sealed class Histogram
    {
        private readonly long[] _buckets = new long[BucketBounds.Length + 1];
        private long _count;
        private long _sumMicros;

        public void Observe(double seconds)
        {
            var i = 0;
            while (i < BucketBounds.Length && seconds > BucketBounds[i])
            {
                i++;
            }

            Interlocked.Increment(ref _buckets[i]);
            Interlocked.Add(ref _sumMicros, (long)(seconds * 1_000_000));
            Interlocked.Increment(ref _count);
        }

        public HistogramSnapshot Snapshot()
        {
            var cumulative = new long[_buckets.Length];
            long running = 0;
            for (var i = 0; i < _buckets.Length; i++)
            {
                running += Interlocked.Read(ref _buckets[i]);
                cumulative[i] = running;
            }

            return new HistogramSnapshot(cumulative, Interlocked.Read(ref _sumMicros) / 1_000_000.0, running);
        }
    }
}

/// <summary>Cumulative bucket counts (the last one is +Inf), sum of seconds, count.</summary>
public sealed record HistogramSnapshot(IReadOnlyList<long> Cumulative, double SumSeconds, long Count);
