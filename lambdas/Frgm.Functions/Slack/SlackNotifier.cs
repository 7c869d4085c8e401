using Frgm.Functions.Events;
using Frgm.Functions.Observability;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Slack;

/// <summary>
/// Alarms-table stream → Slack, one message per transition. Also the one place every raised alarm passes
/// (whoever raised it), so it emits AlarmsRaised. When a post cannot be delivered within the budget, the
/// record's sequence number is reported and processing stops: a stream retries from that record onward,
/// so posting later records now would post them twice.
/// </summary>
public sealed class SlackNotifier
{
    private readonly SlackWebhookClient? _client;
    private readonly Func<CancellationToken, Task<Uri>>? _webhook;
    private readonly SlackSettings _settings;
    private readonly FrgmMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <param name="client">Null (with <paramref name="webhook"/> null) when no webhook is configured: count only.</param>
    public SlackNotifier(
        SlackWebhookClient? client,
        Func<CancellationToken, Task<Uri>>? webhook,
        SlackSettings settings,
        FrgmMetrics metrics,
        TimeProvider clock,
        ILogger logger)
    {
        _client = client;
        _webhook = webhook;
        _settings = settings;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
    }

    public async Task<BatchResponse> HandleAsync(DynamoDbStreamEvent streamEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        var deadline = _clock.GetUtcNow() + _settings.InvocationBudget;
        var response = new BatchResponse();
        foreach (var record in streamEvent.Records)
        {
            var newImage = AlarmImage.From(record.Dynamodb?.NewImage);
            var oldImage = AlarmImage.From(record.Dynamodb?.OldImage);
            if (newImage is null)
            {
                continue;
            }

            if (record.EventName == "INSERT" && newImage.State == "ACTIVE")
            {
                _metrics.AlarmRaised(newImage.SeverityText);
            }

            var transition = AlarmTransition.Classify(record.EventName, oldImage, newImage);
            if (transition is not { } kind || !AlarmTransition.IsPublished(newImage))
            {
                continue;
            }

            if (_client is null || _webhook is null)
            {
                _logger.LogInformation("alarm {AlarmId} {Transition}: Slack not configured, not posted", newImage.AlarmId, kind);
                continue;
            }

            var payload = SlackMessageBuilder.Build(newImage, kind, _metrics.Environment, _settings.DashboardUrl);
            var result = await _client.PostAsync(await _webhook(ct), payload, deadline, ct);
            switch (result.Outcome)
            {
                case SlackPostOutcome.Sent:
                    _metrics.SlackNotification("sent");
                    _logger.LogInformation("alarm {AlarmId} {Transition} posted to Slack", newImage.AlarmId, kind);
                    break;
                case SlackPostOutcome.Rejected:
                    // Retrying a rejected message cannot succeed; report it and move on.
                    _metrics.SlackNotification("rejected");
                    _logger.LogError(
                        "alarm {AlarmId} {Transition}: Slack rejected it ({Status} {SlackError}); not retried",
                        newImage.AlarmId,
                        kind,
                        result.Status,
                        result.Error);
                    break;
                default:
                    _metrics.SlackNotification("failed");
                    _logger.LogError(
                        "alarm {AlarmId} {Transition}: Slack unavailable ({Status} {SlackError}); the stream will retry from this record",
                        newImage.AlarmId,
                        kind,
                        result.Status,
                        result.Error);
                    response.BatchItemFailures.Add(new BatchItemFailure(record.Dynamodb?.SequenceNumber ?? record.EventId ?? string.Empty));
                    return response;
            }
        }

        return response;
    }
}
