using Frgm.Domain.Model;
using Frgm.Functions.Handlers;
using Frgm.Functions.Tests.Fakes;
using Frgm.TestSupport;
using static Frgm.Functions.Tests.Fakes.AlarmStreamEvents;

namespace Frgm.Functions.Tests.Handlers;

public sealed class IngestFunctionTests : IDisposable
{
    private const string MarketKey = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";
    private readonly InstantClock _clock = new(new DateTimeOffset(2026, 11, 20, 14, 30, 2, TimeSpan.Zero));
    private readonly CapturedOutput _output;
    private readonly EmbeddedFunctionStorage _store;
    private readonly IngestFunction _function;

    public IngestFunctionTests()
    {
        _output = new CapturedOutput("test", _clock);
        _store = new EmbeddedFunctionStorage(_clock, _output);
        _function = new IngestFunction(_store.Ingestion, _store.Aws, _output.Metrics, _clock, _output.Loggers);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task An_S3_notification_for_a_market_file_is_ingested_with_metrics()
    {
        await UploadSampleAsync(BucketRole.Actant, MarketKey, "actant/" + MarketKey);

        var response = await InvokeAsync(AwsEvents.SqsWrappingS3("frgm-actant", AwsEvents.Key(MarketKey), "2026-11-20T14:30:01.000Z"));

        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        var prices = await _store.Storage.Latest.GetPricesAsync(default);
        Assert.Equal(112.421875m, prices["ZNZ6"].Price);
        var files = Assert.Single(_output.Metric("FilesProcessed"));
        Assert.Equal(new Dictionary<string, string> { ["Environment"] = "test", ["Feed"] = "market-data", ["Status"] = "COMPLETED" }, files.Dimensions);
        Assert.Equal(prices.Count, Assert.Single(_output.Metric("RowsIngested")).Value);
        Assert.Equal(0, Assert.Single(_output.Metric("RowsRejected")).Value);
        Assert.Equal(1000, Assert.Single(_output.Metric("IngestLatencyMs")).Value);
    }

    [Fact]
    public async Task A_redelivered_notification_is_a_ledger_no_op()
    {
        await UploadSampleAsync(BucketRole.Actant, MarketKey, "actant/" + MarketKey);
        var sqs = AwsEvents.SqsWrappingS3("frgm-actant", AwsEvents.Key(MarketKey), "2026-11-20T14:30:01.000Z");

        await InvokeAsync(sqs);
        var again = await InvokeAsync(sqs);

        Assert.Empty(again.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Single(_output.Metric("FilesProcessed"));
        Assert.Single(await _store.Storage.Ledger.ListAsync(null, 10, default));
    }

    [Fact]
    public async Task Keys_are_url_decoded_with_plus_as_space()
    {
        const string key = "trades/2026/11/20/fills 20261120 1430.csv";
        await UploadSampleAsync(BucketRole.Trades, key, "trades/trades/2026/11/20/fills_20261120_1430.csv");

        var response = await InvokeAsync(AwsEvents.SqsWrappingS3("frgm-trades", "trades/2026/11/20/fills+20261120+1430.csv", "2026-11-20T14:30:01.000Z"));

        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        var entry = Assert.Single(await _store.Storage.Ledger.ListAsync(null, 10, default));
        Assert.Equal(key, entry.Key);
        Assert.Equal(FeedKind.Trades, entry.Feed);
    }

    [Fact]
    public async Task Only_the_failing_messages_are_returned_for_retry()
    {
        await UploadSampleAsync(BucketRole.Actant, MarketKey, "actant/" + MarketKey);
        var sqs = AwsEvents.Sqs(
            ("good", AwsEvents.S3Notification("frgm-actant", AwsEvents.Key(MarketKey), "2026-11-20T14:30:01.000Z")),
            ("test-event", AwsEvents.S3TestEvent("frgm-actant")),
            ("unknown-bucket", AwsEvents.S3Notification("someone-elses-bucket", "x.csv", "2026-11-20T14:30:01.000Z")),
            ("garbage", "this is not json"));

        var response = await InvokeAsync(sqs);

        Assert.Equal(
            ["unknown-bucket", "garbage"],
            response.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
        Assert.Single(await _store.Storage.Ledger.ListAsync(null, 10, default));
        Assert.Contains(_output.Lines, l => l.TryGetProperty("Bucket", out var b) && b.GetString() == "someone-elses-bucket");
    }

    [Fact]
    public async Task A_file_with_a_missing_column_is_recorded_failed_and_not_retried()
    {
        const string key = "market-data/2026/11/20/broken_20261120_143000.csv";
        await _store.Storage.Objects.WriteAsync(BucketRole.Actant, key, "instrument,bid\nZNZ6,1\n"u8.ToArray(), default);

        var response = await InvokeAsync(AwsEvents.SqsWrappingS3("frgm-actant", AwsEvents.Key(key), "2026-11-20T14:30:01.000Z"));

        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Equal("FAILED", Assert.Single(_output.Metric("FilesProcessed")).Dimensions["Status"]);
    }

    private async Task UploadSampleAsync(BucketRole role, string key, string sample) =>
        await _store.Storage.Objects.WriteAsync(role, key, await File.ReadAllBytesAsync(RepoPaths.Sample(sample)), default);

    private async Task<System.Text.Json.JsonElement> InvokeAsync(string sqs)
    {
        await using var response = await _function.HandleAsync(Stream(sqs));
        return ReadResponse(response);
    }
}
