using Frgm.Functions.Events;
using Frgm.Functions.Hosting;
using Frgm.Functions.Observability;
using Frgm.Functions.Tt;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Handlers;

/// <summary>EventBridge rate(1 minute) → two TT polls 30 s apart (see <see cref="TtPoller"/> and the README).</summary>
public sealed class TtPollerFunction : ILambdaHandler
{
    private readonly ResettableLazy<TtPoller> _poller;

    public TtPollerFunction()
        : this(FunctionHost.Shared)
    {
    }

    public TtPollerFunction(FunctionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _poller = new(async ct =>
        {
            var settings = TtSettings.FromEnvironment(host.Environment);
            var credentials = await host.GetTtCredentialsAsync(settings, ct);
            var http = new HttpClient(TtRestClient.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
            return Create(await host.GetIngestionAsync(ct), http, settings, credentials, host.Metrics, host.Loggers, host.Clock);
        });
    }

    /// <param name="http">Must not follow redirects itself (<see cref="TtRestClient.CreateHandler"/>).</param>
    public TtPollerFunction(
        IngestionService ingestion,
        HttpClient http,
        TtSettings settings,
        TtCredentials credentials,
        FrgmMetrics metrics,
        ILoggerFactory loggers,
        TimeProvider clock)
    {
        var poller = Create(ingestion, http, settings, credentials, metrics, loggers, clock);
        _poller = new(_ => Task.FromResult(poller));
    }

    public Task<Stream> HandleAsync(Stream input) => HandleAsync(input, CancellationToken.None);

    public Task InitializeAsync(CancellationToken ct) => _poller.GetAsync(ct);

    public async Task<Stream> HandleAsync(Stream input, CancellationToken ct)
    {
        var poller = await _poller.GetAsync(ct);

        // The scheduled event carries nothing the poller needs, but a malformed one is still an error worth seeing.
        _ = await FunctionJson.ReadAsync(input, EventJsonContext.Default.ScheduledEvent, "tt-poller", ct);
        var response = await poller.RunInvocationAsync(ct);
        return FunctionJson.Write(response, EventJsonContext.Default.TtPollerResponse);
    }

    private static TtPoller Create(
        IngestionService ingestion,
        HttpClient http,
        TtSettings settings,
        TtCredentials credentials,
        FrgmMetrics metrics,
        ILoggerFactory loggers,
        TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        settings.Validate();
        var client = new TtRestClient(http, settings, credentials, clock, loggers.CreateLogger<TtRestClient>());
        return new TtPoller(client, ingestion, metrics, clock, settings, loggers.CreateLogger<TtPoller>());
    }
}
