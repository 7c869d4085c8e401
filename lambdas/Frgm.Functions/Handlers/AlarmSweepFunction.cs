using Frgm.Functions.Events;
using Frgm.Functions.Observability;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Handlers;

/// <summary>Scheduled → IngestionService.SweepAsync (stale market data, TT feed staleness) and FeedAgeSeconds per feed.</summary>
public sealed class AlarmSweepFunction : ILambdaHandler
{
    private readonly Dependencies _d;

    /// <param name="latest">The feed timestamps' store: the sweep reads them itself rather than through the ingestion service.</param>
    public AlarmSweepFunction(IngestionService ingestion, ILatestStateStore latest, FrgmMetrics metrics, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _d = new Dependencies(ingestion, latest, metrics, clock, loggers.CreateLogger<AlarmSweepFunction>());
    }

    public Task<Stream> HandleAsync(Stream input) => HandleAsync(input, CancellationToken.None);

    public async Task<Stream> HandleAsync(Stream input, CancellationToken ct)
    {
        var d = _d;
        _ = await FunctionJson.ReadAsync(input, EventJsonContext.Default.ScheduledEvent, "alarm-sweep", ct);

        var changed = await d.Ingestion.SweepAsync(ct);
        var response = new AlarmSweepResponse { ChangedAlarms = changed.Count };
        var now = d.Clock.GetUtcNow();
        var timestamps = await d.Latest.GetFeedTimestampsAsync(ct);
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

    private sealed record Dependencies(IngestionService Ingestion, ILatestStateStore Latest, FrgmMetrics Metrics, TimeProvider Clock, ILogger Logger);
}
