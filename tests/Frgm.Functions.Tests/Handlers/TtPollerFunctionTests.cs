using Frgm.Domain.Model;
using Frgm.Functions.Handlers;
using Frgm.Functions.Tests.Fakes;
using Frgm.Functions.Tt;
using static Frgm.Functions.Tests.Fakes.AlarmStreamEvents;

namespace Frgm.Functions.Tests.Handlers;

public sealed class TtPollerFunctionTests : IDisposable
{
    private const string Orders = """
        [{"orderId":"tt-1","accountId":"MM1","instrumentName":"ZNZ6","side":1,"orderQty":10,"price":112.40625,"leavesQty":10,"cumQty":0,"ordStatus":0,"ordType":2,"timeInForce":0},
         {"orderId":"tt-2","accountId":"MM1","instrumentName":"ZNZ6","side":2,"orderQty":10,"price":112.4375,"leavesQty":6,"cumQty":4,"ordStatus":1,"ordType":2,"timeInForce":0},
         {"orderId":"tt-3","accountId":"HEDGE","instrumentName":"ESZ6","side":2,"orderQty":2,"price":6030,"leavesQty":0,"cumQty":2,"ordStatus":2,"ordType":2,"timeInForce":1}]
        """;

    private readonly InstantClock _clock = new(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero));
    private readonly CapturedOutput _output;
    private readonly EmbeddedFunctionStorage _store;
    private readonly FakeTtServer _tt;
    private readonly HttpClient _http = new(TtRestClient.CreateHandler());
    private readonly TtPollerFunction _function;

    public TtPollerFunctionTests()
    {
        _output = new CapturedOutput("test", _clock);
        _store = new EmbeddedFunctionStorage(_clock, _output);
        _tt = new FakeTtServer(_clock) { OrdersJson = Orders };
        var settings = new TtSettings { BaseUrl = _tt.BaseUri, Environment = FakeTtServer.Env };
        _function = new TtPollerFunction(
            _store.Ingestion,
            _http,
            settings,
            new TtCredentials(FakeTtServer.KeyId, FakeTtServer.KeySecret),
            _output.Metrics,
            _output.Loggers,
            _clock);
    }

    public void Dispose()
    {
        _http.Dispose();
        _tt.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task One_invocation_polls_twice_30_seconds_apart_and_replaces_the_working_set()
    {
        var response = await InvokeAsync();

        var polls = response.GetProperty("polls").EnumerateArray().ToList();
        Assert.Equal(["success", "success"], polls.Select(p => p.GetProperty("outcome").GetString()));
        Assert.Contains(TimeSpan.FromSeconds(30), _clock.Waits);
        Assert.Equal(2, _tt.OrderRequests);
        Assert.Equal(1, _tt.TokenRequests);

        var working = await _store.Storage.Latest.GetWorkingOrdersAsync(default);
        Assert.NotNull(working);
        Assert.Equal(["tt-1", "tt-2"], working.Orders.Select(o => o.OrderId).Order());
        var partial = working.Orders.Single(o => o.OrderId == "tt-2");
        Assert.Equal(("SELL", "PARTIALLY_FILLED", "LIMIT", "DAY"), (partial.Side, partial.Status, partial.OrderType, partial.TimeInForce));
        Assert.Equal(6m, partial.LeavesQty);

        var key = polls[1].GetProperty("key").GetString()!;
        Assert.Equal(WorkingOrderSnapshotFile.Key(new DateTimeOffset(2026, 11, 20, 14, 30, 30, TimeSpan.Zero)), key);
        await using (var file = await _store.Storage.Objects.OpenReadAsync(BucketRole.Tt, key, default))
        {
            Assert.Equal(2, Frgm.Domain.Feeds.FeedParsers.WorkingOrders(file).Orders.Count);
        }

        var stamps = await _store.Storage.Latest.GetFeedTimestampsAsync(default);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 30, TimeSpan.Zero), stamps[TtPoller.FeedTimestampName]);
        Assert.Equal(2, _output.Metric("TtPolls").Count(m => m.Dimensions["Outcome"] == "success"));
    }

    [Fact]
    public async Task A_malformed_answer_keeps_the_previous_set_and_does_not_touch_the_timestamp()
    {
        await InvokeAsync();
        var before = await _store.Storage.Latest.GetWorkingOrdersAsync(default);
        var stampBefore = (await _store.Storage.Latest.GetFeedTimestampsAsync(default))[TtPoller.FeedTimestampName];
        _tt.OrdersJson = "[]";
        _tt.EnqueueOrdersFault(_ => new CannedResponse(200, """{"status":"Ok","orders":[{"orderId":"""));
        _tt.EnqueueOrdersFault(_ => new CannedResponse(200, "<html>maintenance</html>", null, "text/html"));

        var response = await InvokeAsync();

        Assert.Equal(["failure", "failure"], response.GetProperty("polls").EnumerateArray().Select(p => p.GetProperty("outcome").GetString()));
        var after = await _store.Storage.Latest.GetWorkingOrdersAsync(default);
        Assert.Equal(before!.SnapshotTime, after!.SnapshotTime);
        Assert.Equal(before.Orders.Select(o => o.OrderId).Order(), after.Orders.Select(o => o.OrderId).Order());
        Assert.Equal(stampBefore, (await _store.Storage.Latest.GetFeedTimestampsAsync(default))[TtPoller.FeedTimestampName]);
        Assert.Equal(2, _output.Metric("TtPolls").Count(m => m.Dimensions["Outcome"] == "failure"));
    }

    [Fact]
    public async Task The_later_S3_event_for_the_poller_snapshot_is_a_ledger_no_op()
    {
        var response = await InvokeAsync();
        var key = response.GetProperty("polls")[0].GetProperty("key").GetString()!;
        var ingest = new IngestFunction(_store.Ingestion, _store.Aws, _output.Metrics, _clock, _output.Loggers);
        var filesBefore = _output.Metric("FilesProcessed").Count;

        await using var result = await ingest.HandleAsync(Stream(AwsEvents.SqsWrappingS3("frgm-tt", AwsEvents.Key(key), "2026-11-20T14:30:01.000Z")));

        Assert.Empty(ReadResponse(result).GetProperty("batchItemFailures").EnumerateArray());
        Assert.Equal(filesBefore, _output.Metric("FilesProcessed").Count);
    }

    private async Task<System.Text.Json.JsonElement> InvokeAsync()
    {
        await using var response = await _function.HandleAsync(Stream(AwsEvents.Scheduled("2026-11-20T14:30:00Z")));
        return ReadResponse(response);
    }
}
