using Frgm.Dashboard.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Demo;

/// <summary>
/// <c>Frgm:Demo</c>: a live market written as files only (never into stores), so every number on screen has come
/// through the real ingestion path. At start: yesterday's EOD (positions, settlements, per-contract Greeks) and
/// today's SOD, so Greeks are non-zero from the first second; then market data every second, trades every few
/// seconds, a working-order snapshot every 10 s, a large trade about once a minute, and every 30 s the removal of
/// its own ingested files older than <c>Frgm:DemoFileMaxAgeMinutes</c>.
/// </summary>
public sealed class DemoMarketService : BackgroundService
{
    private const int SweepEverySeconds = 30;

    private readonly DemoMarket _market;
    private readonly BucketFolderWriter _writer;
    private readonly DemoFileJanitor _janitor;
    private readonly TimeProvider _clock;
    private readonly ILogger<DemoMarketService> _logger;

    public DemoMarketService(DemoMarket market, BucketFolderWriter writer, DemoFileJanitor janitor, TimeProvider clock, ILogger<DemoMarketService> logger)
    {
        _market = market;
        _writer = writer;
        _janitor = janitor;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A restart on the same day finds the same book (DemoBook is seeded by the date) and leaves these alone.
        foreach (var opening in new[] { _market.PreviousEndOfDay(), _market.StartOfDay(_market.BusinessDate) })
        {
            if (!File.Exists(_writer.PathOf(opening.Bucket, opening.Key)))
            {
                await _writer.WriteAsync(opening, stoppingToken);
            }
        }

        _logger.LogInformation(
            "demo market: writing files for {Count} live instruments under {Root}; removing its own files after {MaxAge}",
            _market.Instruments.Count,
            _writer.PathOf(Domain.Model.BucketRole.Actant, string.Empty),
            _janitor.MaxAge);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _clock);
        long tick = 0;
        do
        {
            var now = _clock.GetUtcNow();
            try
            {
                await WriteTrackedAsync(_market.MarketData(now), now, stoppingToken);
                if (tick % 4 == 2)
                {
                    await WriteTrackedAsync(_market.Trades(now, breach: tick % 60 == 30), now, stoppingToken);
                }

                if (tick % 10 == 0)
                {
                    await WriteTrackedAsync(_market.WorkingOrders(now), now, stoppingToken);
                }
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "demo market: could not write a file; trying again next second");
            }

            if (tick % SweepEverySeconds == SweepEverySeconds - 1)
            {
                await SweepAsync(now, stoppingToken);
            }

            tick++;
        }
        while (await timer.NextTickAsync(stoppingToken));
    }

    // Cleaning up is housekeeping: a locked file or a busy ledger must not stop the demo (or, as an unhandled
    // BackgroundService exception, the host); the next sweep tries again.
    private async Task SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var removed = await _janitor.SweepAsync(now, ct);
            if (removed > 0)
            {
                _logger.LogDebug("demo market: removed {Removed} of its own ingested files", removed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "demo market: could not remove its old files; trying again at the next sweep");
        }
    }

    private async Task WriteTrackedAsync(DemoFile file, DateTimeOffset now, CancellationToken ct)
    {
        var path = await _writer.WriteAsync(file, ct);
        _janitor.Track(DemoFileJanitor.Describe(file, path, now));
    }
}
