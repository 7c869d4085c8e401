using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Functions.Hosting;
using Frgm.Functions.Secrets;
using Frgm.Functions.Slack;
using Frgm.Functions.Tt;
using Microsoft.Extensions.DependencyInjection;

namespace Frgm.Functions.Handlers;

/// <summary>
/// The handler names the CDK sets on each function (<c>_HANDLER</c> in Lambda) and the local runner accepts, and how
/// each handler is built from the host. The custom runtime dispatches on the names, so renaming one here or in the
/// CDK breaks a deployed function: a test checks the CDK's names against this list.
/// </summary>
public static class HandlerCatalog
{
    public const string Ingest = "ingest";
    public const string TtPoller = "tt-poller";
    public const string AlarmSweep = "alarm-sweep";
    public const string SlackNotifier = "slack-notifier";

    public static IReadOnlyList<string> All { get; } = [Ingest, TtPoller, AlarmSweep, SlackNotifier];

    public static bool Contains(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// Builds the handler with everything its invocations need (settings, secrets, connections): the runtime calls it
    /// once, before the first event, so a bad setting or an unreadable secret is one init error, not a failure per event.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is none of <see cref="All"/>.</exception>
    public static async Task<ILambdaHandler> CreateAsync(string name, FunctionHost host, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        switch (name)
        {
            case Ingest:
                return new IngestFunction(await host.GetIngestionAsync(ct), host.Aws, host.Metrics, host.Clock, host.Loggers);
            case AlarmSweep:
                var services = await host.GetServicesAsync(ct);
                return new AlarmSweepFunction(services.GetRequiredService<IngestionService>(), services.GetRequiredService<StorageSet>().Latest, host.Metrics, host.Clock, host.Loggers);
            case TtPoller:
                var tt = TtSettings.From(host.Configuration);
                var credentials = await host.GetTtCredentialsAsync(tt, ct);
                var http = new HttpClient(TtRestClient.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
                return new TtPollerFunction(await host.GetIngestionAsync(ct), http, tt, credentials, host.Metrics, host.Loggers, host.Clock);
            case SlackNotifier:
                var slack = SlackSettings.From(host.Configuration);
                Func<CancellationToken, Task<Uri>>? webhook = slack.WebhookSecretArn is { } arn
                    ? async c => new Uri(SecretFields.FieldOrPlain(await host.Secrets.GetSecretStringAsync(arn, c), "webhook_url", arn))
                    : null;
                return new SlackNotifierFunction(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, webhook, slack, host.Metrics, host.Loggers, host.Clock);
            default:
                throw new ArgumentException($"'{name}' is not a handler of this bootstrap; valid: {string.Join(", ", All)}", nameof(name));
        }
    }
}
