using Frgm.Domain.Model;
using Frgm.Functions.Handlers;
using Frgm.Functions.Tests.Fakes;
using Frgm.Functions.Tt;
using Frgm.TestSupport;
using static Frgm.Functions.Tests.Fakes.AlarmStreamEvents;

namespace Frgm.Functions.Tests.Aws;

/// <summary>The handlers as Lambda builds them (FunctionHost from the environment) against MemoryDB/DynamoDB/S3 stand-ins.</summary>
[Trait("Needs", "servers")]
public sealed class AwsHandlersTests : IClassFixture<AwsServersFixture>
{
    private readonly AwsServersFixture _aws;

    public AwsHandlersTests(AwsServersFixture aws) => _aws = aws;

    [Fact]
    public async Task Ingest_reads_the_object_from_S3_and_lands_prices_in_Redis_and_the_ledger_in_DynamoDB()
    {
        const string key = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";
        var storage = _aws.Ingestion.Storage;
        await storage.Objects.WriteAsync(BucketRole.Actant, key, await File.ReadAllBytesAsync(RepoPaths.Sample("actant/" + key)), default);

        await using var result = await (await HandlerCatalog.CreateAsync(HandlerCatalog.Ingest, _aws.Host, default)).HandleAsync(
            Stream(AwsEvents.SqsWrappingS3(_aws.Host.Aws.ActantBucket, AwsEvents.Key(key), DateTimeOffset.UtcNow.ToString("O"))), default);

        Assert.Empty(ReadResponse(result).GetProperty("batchItemFailures").EnumerateArray());
        var prices = await storage.Latest.GetPricesAsync(default);
        Assert.Equal(112.421875m, prices["ZNZ6"].Price);
        var entry = Assert.Single(await storage.Ledger.ListAsync(FileStatus.Completed, 50, default), e => e.Key == key);
        Assert.Equal(FeedKind.MarketData, entry.Feed);
        Assert.Contains(_aws.Output.Metric("FilesProcessed"), m => m.Dimensions["Feed"] == "market-data" && m.Dimensions["Status"] == "COMPLETED");
        Assert.DoesNotContain(_aws.Redis.Password!, _aws.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_TT_poller_writes_the_snapshot_to_S3_and_the_working_set_to_Redis()
    {
        await using var result = await (await HandlerCatalog.CreateAsync(HandlerCatalog.TtPoller, _aws.Host, default)).HandleAsync(Stream(AwsEvents.Scheduled("2026-11-20T14:30:00Z")), default);

        var poll = Assert.Single(ReadResponse(result).GetProperty("polls").EnumerateArray());
        Assert.True(poll.GetProperty("outcome").GetString() == "success", poll.ToString());
        var storage = _aws.Ingestion.Storage;
        var working = await storage.Latest.GetWorkingOrdersAsync(default);
        var order = Assert.Single(working!.Orders);
        Assert.Equal(("tt-9", "BUY", "WORKING"), (order.OrderId, order.Side, order.Status));
        var key = poll.GetProperty("key").GetString()!;
        await using (var file = await storage.Objects.OpenReadAsync(BucketRole.Tt, key, default))
        {
            Assert.Single(Frgm.Domain.Feeds.FeedParsers.WorkingOrders(file).Orders);
        }

        Assert.True((await storage.Latest.GetFeedTimestampsAsync(default)).ContainsKey(TtPoller.FeedTimestampName));
    }

    [Fact]
    public async Task The_sweep_reports_feed_ages_from_Redis()
    {
        await _aws.Ingestion.Storage.Latest.SetFeedTimestampAsync("trades", DateTimeOffset.UtcNow.AddMinutes(-5), default);

        await using var result = await (await HandlerCatalog.CreateAsync(HandlerCatalog.AlarmSweep, _aws.Host, default)).HandleAsync(Stream("{}"), default);

        var age = ReadResponse(result).GetProperty("feed_age_seconds").GetProperty("trades").GetDouble();
        Assert.InRange(age, 299, 400);
        Assert.Contains(_aws.Output.Metric("FeedAgeSeconds"), m => m.Dimensions["Feed"] == "trades");
    }
}
