using Frgm.Functions.Events;
using Frgm.Functions.Hosting;
using Frgm.Functions.Observability;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Handlers;

/// <summary>Scheduled → IngestionService.SweepAsync (stale market data, TT feed staleness) and FeedAgeSeconds per feed.</summary>
public sealed class AlarmSweepFunction : ILambdaHandler
{
    private readonly ResettableLazy<Dependencies> _dependencies;

    public AlarmSweepFunction()
        : this(FunctionHost.Shared)
    {
    }

    public AlarmSweepFunction(FunctionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _dependencies = new(async ct =>
        {
            return new Dependencies(await host.GetIngestionAsync(ct), host.Metrics, host.Clock, host.Loggers.CreateLogger<AlarmSweepFunction>());
        });
    }

    public AlarmSweepFunction(IngestionService ingestion, FrgmMetrics metrics, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var dependencies = new Dependencies(ingestion, metrics, clock, loggers.CreateLogger<AlarmSweepFunction>());
        _dependencies = new(_ => Task.FromResult(dependencies));
    }

    public Task<Stream> HandleAsync(Stream input) => HandleAsync(input, CancellationToken.None);

    public Task InitializeAsync(CancellationToken ct) => _dependencies.GetAsync(ct);

    public async Task<Stream> HandleAsync(Stream input, CancellationToken ct)
    {
        var d = await _dependencies.GetAsync(ct);
        _ = await FunctionJson.ReadAsync(input, EventJsonContext.Default.ScheduledEvent, "alarm-sweep", ct);

        var changed = await d.Ingestion.SweepAsync(ct);
        var response = new AlarmSweepResponse { ChangedAlarms = changed.Count };
        var now = d.Clock.GetUtcNow();
        var timestamps = await d.Ingestion.Storage.Latest.GetFeedTimestampsAsync(ct);
        foreach (var feed in FrgmMetrics.WatchedFeeds)
        {
            if (timestamps.TryGetValue(feed, out var last))
            {
                var age = now - last;
                d.Metrics.FeedAge(feed, age);
                response.FeedAgeSeconds[feed] = Math.Max(0, Math.Round(age.TotalSeconds, 3));
            }
            else
            {
                // No data point at all: the CDK staleness alarms treat missing data as breaching.
                d.Logger.LogWarning("feed {Feed} has never succeeded; no FeedAgeSeconds emitted", feed);
            }
        }

        d.Logger.LogInformation("sweep done: {Changed} alarm(s) changed", changed.Count);
        return FunctionJson.Write(response, EventJsonContext.Default.AlarmSweepResponse);
    }

    private sealed record Dependencies(IngestionService Ingestion, FrgmMetrics Metrics, TimeProvider Clock, ILogger Logger);
}
