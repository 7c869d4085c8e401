using Frgm.Functions.Events;
using Frgm.Functions.Http;
using Frgm.Functions.Observability;
using Frgm.Functions.Slack;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Handlers;

/// <summary>Alarms table DynamoDB stream → Slack incoming webhook (see <see cref="SlackNotifier"/>).</summary>
public sealed class SlackNotifierFunction : ILambdaHandler
{
    private readonly SlackNotifier _notifier;

    /// <param name="webhook">Reads the webhook URL when an alarm is to be posted (the secret, through the extension's cache); null: Slack not configured, alarms are counted (AlarmsRaised) but not posted.</param>
    public SlackNotifierFunction(HttpClient http, Func<CancellationToken, Task<Uri>>? webhook, SlackSettings settings, FrgmMetrics metrics, ILoggerFactory loggers, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(settings);
        var logger = loggers.CreateLogger<SlackNotifier>();
        var retry = new RetryPolicy(settings.MaxAttempts, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8), clock, logger);
        var client = webhook is null ? null : new SlackWebhookClient(http, retry, logger);
        _notifier = new SlackNotifier(client, webhook, settings, metrics, clock, logger);
    }

    public Task<Stream> HandleAsync(Stream input) => HandleAsync(input, CancellationToken.None);

    public async Task<Stream> HandleAsync(Stream input, CancellationToken ct)
    {
        var notifier = _notifier;
        var stream = await FunctionJson.ReadAsync(input, EventJsonContext.Default.DynamoDbStreamEvent, "slack-notifier", ct);
        var response = await notifier.HandleAsync(stream, ct);
        return FunctionJson.Write(response, EventJsonContext.Default.BatchResponse);
    }
}
