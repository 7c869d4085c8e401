using Frgm.Application.Ingestion;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>
/// Two ingest Lambdas over the same stores, interleaved deterministically: A's recompute reads the trades before
/// B's file is stored and writes only after B's recompute has written both files' positions.
/// </summary>
public static class RecomputeRace
{
    public static readonly DateOnly Date = new(2026, 11, 20);

    private const string Header = "trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time,order_id,trader\n";

    /// <summary>Runs the race; returns both files' results. A buys 7 ZNZ6 and B 11, so converged positions hold 18.</summary>
    public static async Task<(IngestionResult A, IngestionResult B)> RunAsync(StorageSet storage, Func<StorageSet, IngestionService> service)
    {
        var pausing = new PausingHistoryStore(storage.History);
        var serviceA = service(storage.WithHistory(pausing));
        var serviceB = service(storage);
        var fileA = await SampleFeeds.PutAsync(
            storage.Objects, "trades/trades/2026/11/20/fills_20261120_1500.csv", Header + "R-A1,2026-11-20,MM1,ZNZ6,BUY,7,112.40625,2026-11-20T15:00:00Z,O-A1,jdoe\n");
        var fileB = await SampleFeeds.PutAsync(
            storage.Objects, "trades/trades/2026/11/20/fills_20261120_1501.csv", Header + "R-B1,2026-11-20,MM1,ZNZ6,BUY,11,112.4375,2026-11-20T15:01:00Z,O-B1,jdoe\n");

        pausing.ArmNextGetTrades();
        var a = serviceA.IngestAsync(fileA.Bucket, fileA.Key, default);
        await pausing.Paused.WaitAsync(TimeSpan.FromMinutes(1));
        var b = await serviceB.IngestAsync(fileB.Bucket, fileB.Key, default);
        pausing.Release();
        return (await a, b);
    }
}
