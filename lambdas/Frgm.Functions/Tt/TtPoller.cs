using Frgm.Domain.Model;
using Frgm.Functions.Events;
using Frgm.Functions.Observability;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Tt;

/// <summary>
/// One invocation of the TT poller: polls at t=0 and t=PollInterval (30 s), because EventBridge schedules
/// cannot fire more often than once a minute. Each successful poll writes the snapshot file to the tt bucket
/// and ingests it at once (atomic replace of the working-order set + 7-day history); the S3 event for the
/// same object arrives later and is a ledger no-op. A failed poll changes nothing, so the previous set stays
/// and the missing "tt-poll" timestamp lets the sweep raise TT_FEED_STALE.
/// </summary>
public sealed class TtPoller
{
    public const string FeedTimestampName = "tt-poll";

    private readonly TtRestClient _client;
    private readonly IngestionService _ingestion;
    private readonly FrgmMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly TtSettings _settings;
    private readonly ILogger _logger;

    public TtPoller(TtRestClient client, IngestionService ingestion, FrgmMetrics metrics, TimeProvider clock, TtSettings settings, ILogger logger)
    {
        _client = client;
        _ingestion = ingestion;
        _metrics = metrics;
        _clock = clock;
        _settings = settings;
        _logger = logger;
    }

    public async Task<TtPollerResponse> RunInvocationAsync(CancellationToken ct)
    {
        var start = _clock.GetUtcNow();
        var deadline = start + _settings.InvocationBudget;
        var response = new TtPollerResponse();
        for (var i = 0; i < _settings.PollsPerInvocation; i++)
        {
            var due = start + (_settings.PollInterval * i);
            var wait = due - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, ct);
            }

            // A poll needs room for at least one request; a skipped second poll is made up by the next minute's.
            if (deadline - _clock.GetUtcNow() < _settings.RequestTimeout)
            {
                _logger.LogWarning("TT poll {Poll} skipped: not enough of the invocation budget left", i + 1);
                response.Polls.Add(new TtPollReport { Outcome = "skipped", At = _clock.GetUtcNow() });
                continue;
            }

            response.Polls.Add(await PollOnceAsync(deadline, ct));
        }

        return response;
    }

    public async Task<TtPollReport> PollOnceAsync(DateTimeOffset deadline, CancellationToken ct)
    {
        var at = _clock.GetUtcNow();
        try
        {
            var raw = await _client.GetOrdersAsync(deadline, ct);
            var (working, skipped) = TtOrderNormalizer.WorkingOrders(raw);
            foreach (var reason in skipped)
            {
                _logger.LogWarning("TT order left out of the snapshot: {Reason}", reason);
            }

            var snapshotTime = _clock.GetUtcNow();
            var snapshot = new OrderSnapshot(snapshotTime, working);
            var key = WorkingOrderSnapshotFile.Key(snapshotTime);
            await _ingestion.Storage.Objects.WriteAsync(BucketRole.Tt, key, WorkingOrderSnapshotFile.Serialize(snapshot), ct);
            var result = await _ingestion.IngestAsync(BucketRole.Tt, key, ct);
            if (result.Entry.Status is FileStatus.Failed || result.ShouldRetry)
            {
                throw new TtApiException(
                    $"snapshot {key} was written but not ingested ({WireNames.Of(result.Entry.Status)}: {string.Join("; ", result.Entry.Errors)})");
            }

            await _ingestion.Storage.Latest.SetFeedTimestampAsync(FeedTimestampName, snapshotTime, ct);
            _metrics.TtPoll("success");
            _logger.LogInformation(
                "TT poll ok: {Working} working of {Received} orders; snapshot {Key}",
                working.Count,
                raw.Count,
                key);
            return new TtPollReport { Outcome = "success", At = at, Orders = working.Count, Key = key };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _metrics.TtPoll("failure");
            _logger.LogError(ex, "TT poll failed; the previous working-order set is kept");
            return new TtPollReport { Outcome = "failure", At = at, Error = ex.Message };
        }
    }
}
