using Frgm.Functions.Events;
using Frgm.Functions.Observability;
using Frgm.Functions.Tt;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Handlers;

/// <summary>EventBridge rate(1 minute) → two TT polls 30 s apart (see <see cref="TtPoller"/> and the README).</summary>
public sealed class TtPollerFunction : ILambdaHandler
{
    private readonly TtPoller _poller;

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
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var client = new TtRestClient(http, settings, credentials, clock, loggers.CreateLogger<TtRestClient>());
        _poller = new TtPoller(client, ingestion, metrics, clock, settings, loggers.CreateLogger<TtPoller>());
    }

    public Task<Stream> HandleAsync(Stream input) => HandleAsync(input, CancellationToken.None);

    public async Task<Stream> HandleAsync(Stream input, CancellationToken ct)
    {
        var poller = _poller;

        // The scheduled event carries nothing the poller needs, but a malformed one is still an error worth seeing.
        _ = await FunctionJson.ReadAsync(input, EventJsonContext.Default.ScheduledEvent, "tt-poller", ct);
        var response = await poller.RunInvocationAsync(ct);
        return FunctionJson.Write(response, EventJsonContext.Default.TtPollerResponse);
    }
}
