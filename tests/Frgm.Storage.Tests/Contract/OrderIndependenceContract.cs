using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using static Frgm.Storage.Tests.Contract.OrderIndependenceCorpus;

namespace Frgm.Storage.Tests.Contract;

/// <summary>
/// Order independence as a property (FORMATS.md: the positions of D are a pure function of the stored facts dated on
/// or before D): the corpus delivered in seeded random orders, one file at a time and all at once through one
/// service per file (concurrent Lambdas), gives for every date exactly the reference's positions, in history and,
/// for the current date, in latest state.
/// </summary>
public abstract class OrderIndependenceContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    /// <summary>Seeded orders delivered one file at a time; the AWS family runs fewer (each costs seconds there).</summary>
    protected abstract int SequentialOrders { get; }

    protected abstract int ConcurrentOrders { get; }

    [Fact]
    public async Task Files_one_at_a_time_in_any_order_give_the_reference_positions_for_every_date()
    {
        for (var seed = 1; seed <= SequentialOrders; seed++)
        {
            var order = Shuffle(seed);
            var storage = await NewSetAsync();
            var service = NewService(storage);
            foreach (var file in order)
            {
                await IngestAsync(storage, service, file);
            }

            await AssertReferenceAsync(storage, $"seed {seed}, order {Describe(order)}");
        }
    }

    [Fact]
    public async Task All_files_at_once_through_separate_services_give_the_reference_positions_for_every_date()
    {
        for (var seed = 101; seed < 101 + ConcurrentOrders; seed++)
        {
            var order = Shuffle(seed);
            var storage = await NewSetAsync();
            foreach (var file in order)
            {
                await SampleFeeds.PutAsync(storage.Objects, file.Path, file.Content());
            }

            await Task.WhenAll(order.Select(file => Task.Run(() => IngestStoredAsync(NewService(storage), file))));
            await AssertReferenceAsync(storage, $"concurrent seed {seed}, order {Describe(order)}");
        }
    }

    private static async Task AssertReferenceAsync(StorageSet storage, string because)
    {
        foreach (var date in Dates)
        {
            var expected = Expected(date);
            var history = Comparable(await storage.History.GetPositionsAsync(date, default));
            Assert.True(expected.SequenceEqual(history), $"{because}: history positions of {date:yyyy-MM-dd} differ\nexpected:\n{Lines(expected)}\nactual:\n{Lines(history)}");
        }

        Assert.Equal(D3, await storage.Latest.GetPositionsDateAsync(default));
        var latest = Comparable(await storage.Latest.GetPositionsAsync(D3, default));
        Assert.True(Expected(D3).SequenceEqual(latest), $"{because}: latest positions differ\n{Lines(latest)}");

        // XXZ9 trades only on D2, which is a past date once D3 exists: its alarm is raised whatever the order.
        Assert.Contains(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.UnknownInstrument && a.Ticker == "XXZ9");
    }

    private static List<ReferencePosition> Comparable(IReadOnlyList<Position> positions) =>
    [
        .. positions
            .OrderBy(p => p.AccountId, StringComparer.Ordinal)
            .ThenBy(p => p.Ticker, StringComparer.Ordinal)
            .Select(p => new ReferencePosition(
                p.BusinessDate, p.AccountId, p.Ticker, p.SodQty, p.SodPrice, p.NetQty, p.AvgPrice, p.MarkPrice,
                p.RealizedPnl, p.UnrealizedPnl, p.DayPnl, p.Delta, p.Gamma, p.Vega, p.Theta)),
    ];

    private static string Lines(IEnumerable<ReferencePosition> positions) => string.Join('\n', positions);

    private static List<FeedFile> Shuffle(int seed)
    {
        var files = Files.ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(files));
        return files;
    }

    private static string Describe(IEnumerable<FeedFile> order) => string.Join(", ", order.Select(f => f.Path[(f.Path.LastIndexOf('/') + 1)..]));

    private IngestionService NewService(StorageSet storage) =>
        new(storage, SampleFeeds.Instruments(), new AlarmThresholds(), Clock, NullLogger<IngestionService>.Instance);

    private static async Task IngestAsync(StorageSet storage, IngestionService service, FeedFile file)
    {
        await SampleFeeds.PutAsync(storage.Objects, file.Path, file.Content());
        await IngestStoredAsync(service, file);
    }

    private static async Task IngestStoredAsync(IngestionService service, FeedFile file)
    {
        var (bucket, key) = SampleFeeds.Locate(file.Path);
        var result = await service.IngestAsync(bucket, key, default);
        Assert.Equal(LedgerClaimOutcome.Claimed, result.Outcome);
        Assert.True(result.Entry.Status == FileStatus.Completed, $"{file.Path}: {result.Entry.Status} {string.Join("; ", result.Entry.Errors)}");
    }
}
