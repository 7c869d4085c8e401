using Frgm.Functions.Events;
using Frgm.Functions.Hosting;
using Frgm.Functions.Http;
using Frgm.Functions.Observability;
using Frgm.Functions.Secrets;
using Frgm.Functions.Slack;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Handlers;

/// <summary>Alarms table DynamoDB stream → Slack incoming webhook (see <see cref="SlackNotifier"/>).</summary>
public sealed class SlackNotifierFunction : ILambdaHandler
{
    private readonly ResettableLazy<SlackNotifier> _notifier;

    public SlackNotifierFunction()
        : this(FunctionHost.Shared)
    {
    }

    public SlackNotifierFunction(FunctionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _notifier = new(_ =>
        {
            var settings = SlackSettings.FromEnvironment(host.Environment);
            Func<CancellationToken, Task<Uri>>? webhook = settings.WebhookSecretArn is { } arn
                ? async ct => new Uri(SecretFields.FieldOrPlain(await host.Secrets.GetSecretStringAsync(arn, ct), "webhook_url", arn))
                : null;
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            return Task.FromResult(Create(http, webhook, settings, host.Metrics, host.Loggers, host.Clock));
        });
    }

    /// <param name="webhook">Null: Slack not configured; alarms are counted (AlarmsRaised) but not posted.</param>
    public SlackNotifierFunction(HttpClient http, Uri? webhook, SlackSettings settings, FrgmMetrics metrics, ILoggerFactory loggers, TimeProvider clock)
    {
        var notifier = Create(http, webhook is null ? null : _ => Task.FromResult(webhook), settings, metrics, loggers, clock);
        _notifier = new(_ => Task.FromResult(notifier));
    }

    public Task<Stream> HandleAsync(Stream input) => HandleAsync(input, CancellationToken.None);

    public Task InitializeAsync(CancellationToken ct) => _notifier.GetAsync(ct);

    public async Task<Stream> HandleAsync(Stream input, CancellationToken ct)
    {
        var notifier = await _notifier.GetAsync(ct);
        var stream = await FunctionJson.ReadAsync(input, EventJsonContext.Default.DynamoDbStreamEvent, "slack-notifier", ct);
        var response = await notifier.HandleAsync(stream, ct);
        return FunctionJson.Write(response, EventJsonContext.Default.BatchResponse);
    }

    private static SlackNotifier Create(
        HttpClient http,
        Func<CancellationToken, Task<Uri>>? webhook,
        SlackSettings settings,
        FrgmMetrics metrics,
        ILoggerFactory loggers,
        TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger<SlackNotifier>();
        var retry = new RetryPolicy(settings.MaxAttempts, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8), clock, logger);
        var client = webhook is null ? null : new SlackWebhookClient(http, retry, logger);
        return new SlackNotifier(client, webhook, settings, metrics, clock, logger);
    }
}
