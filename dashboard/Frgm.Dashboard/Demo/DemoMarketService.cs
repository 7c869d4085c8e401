using Frgm.Dashboard.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Demo;

/// <summary>
/// <c>Frgm:Demo</c>: a live market written as files only (never into stores), so every number on screen has come
/// through the real ingestion path. Today's SOD once at start, market data every second, trades every few
/// seconds, a working-order snapshot every 10 s, and a large trade (a limit breach) about once a minute.
/// </summary>
public sealed class DemoMarketService : BackgroundService
{
    private readonly DemoMarket _market;
    private readonly BucketFolderWriter _writer;
    private readonly TimeProvider _clock;
    private readonly ILogger<DemoMarketService> _logger;

    public DemoMarketService(DemoMarket market, BucketFolderWriter writer, TimeProvider clock, ILogger<DemoMarketService> logger)
    {
        _market = market;
        _writer = writer;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var now = _clock.GetUtcNow();
        var sod = _market.StartOfDay(DateOnly.FromDateTime(now.UtcDateTime));
        if (!File.Exists(_writer.PathOf(sod.Bucket, sod.Key)))
        {
            await _writer.WriteAsync(sod, stoppingToken);
        }

        _logger.LogInformation("demo market: writing files for {Count} instruments under {Root}", _market.Prices.Count, _writer.PathOf(sod.Bucket, string.Empty));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _clock);
        long tick = 0;
        do
        {
            now = _clock.GetUtcNow();
            try
            {
                await _writer.WriteAsync(_market.MarketData(now), stoppingToken);
                if (tick % 4 == 2)
                {
                    await _writer.WriteAsync(_market.Trades(now, breach: tick % 60 == 30), stoppingToken);
                }

                if (tick % 10 == 0)
                {
                    await _writer.WriteAsync(_market.WorkingOrders(now), stoppingToken);
                }
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "demo market: could not write a file; trying again next second");
            }

            tick++;
        }
        while (await timer.NextTickAsync(stoppingToken));
    }
}
