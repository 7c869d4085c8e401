using Frgm.Dashboard.Hosting;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>Embedded mode's stand-in for the scheduled Lambda: raises and clears time-based alarms every few seconds.</summary>
public sealed class AlarmSweepService : BackgroundService
{
    private readonly IngestionService _ingestion;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlarmSweepService> _logger;

    public AlarmSweepService(IngestionService ingestion, TimeSpan interval, TimeProvider clock, ILogger<AlarmSweepService> logger)
    {
        _ingestion = ingestion;
        _interval = interval;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _clock);
        while (await timer.NextTickAsync(stoppingToken))
        {
            try
            {
                var changed = await _ingestion.SweepAsync(stoppingToken);
                if (changed.Count > 0)
                {
                    _logger.LogInformation("alarm sweep: {Count} alarm(s) raised, updated or cleared", changed.Count);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // one failed sweep (a busy store) must not end the sweeps
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogWarning(ex, "alarm sweep failed; next in {Seconds} s", _interval.TotalSeconds);
            }
        }
    }
}
