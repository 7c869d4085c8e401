using Frgm.Domain.Alarms;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Storage.Tests.Contract;
using Frgm.Storage.Tests.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.Ingestion;

/// <summary>received_at → completed_at is the ingestion latency the dashboard shows; it must be the real span.</summary>
public sealed class LedgerTimingTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>
{
    [Fact]
    public async Task Completed_at_is_stamped_when_the_work_ends_not_when_it_starts()
    {
        // Every reading is a step later than the one before, as a real clock would be across real work.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(5) };
        var storage = EmbeddedStorage.Create(fixture.NewDataDir(), new EmbeddedStorageOptions { Clock = clock });
        var service = new IngestionService(storage, SampleFeeds.Instruments(), new AlarmThresholds(), clock, NullLogger<IngestionService>.Instance);
        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, SampleFeeds.Trades);

        var result = await service.IngestAsync(bucket, key, default);

        Assert.NotNull(result.Entry.CompletedAt);
        Assert.True(
            result.Entry.CompletedAt > result.Entry.ReceivedAt,
            $"completed_at {result.Entry.CompletedAt:O} should be after received_at {result.Entry.ReceivedAt:O}");
    }
}
