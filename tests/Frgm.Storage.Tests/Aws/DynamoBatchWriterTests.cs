using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Frgm.Storage.Aws;

namespace Frgm.Storage.Tests.Aws;

[Collection(DynamoCollection.Name)]
public sealed class DynamoBatchWriterTests(DynamoFixture dynamo) : IAsyncLifetime
{
    private static readonly DynamoBatchWriterOptions Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
    private AwsSettings _settings = null!;

    public async ValueTask InitializeAsync() => _settings = await dynamo.NewTablesAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static List<WriteRequest> Items(string partition, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = partition },
            ["sk"] = new() { S = i.ToString("D5", CultureInfo.InvariantCulture) },
            ["n"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
        })))];

    private async Task<List<int>> ReadBackAsync(string partition)
    {
        var values = new List<int>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.Client.QueryAsync(new QueryRequest
            {
                TableName = _settings.HistoryTable,
                KeyConditionExpression = "pk = :p",
                ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = partition } },
                ExclusiveStartKey = start,
                ConsistentRead = true,
            });
            values.AddRange(page.Items.Select(i => int.Parse(i["n"].N, CultureInfo.InvariantCulture)));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return values;
    }

    [Fact]
    public async Task Writes_a_thousand_items_that_all_read_back()
    {
        var writer = new DynamoBatchWriter(dynamo.Client, dynamo.Server.ServiceUrl);

        await writer.WriteAsync(_settings.HistoryTable, Items("BW#1000", 1000), CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 1000), await ReadBackAsync("BW#1000"));
    }

    [Fact]
    public async Task Unprocessed_items_are_retried_until_written()
    {
        var calls = 0;
        var writer = new DynamoBatchWriter(
            async (request, ct) =>
            {
                Interlocked.Increment(ref calls);

                // Act as a throttled table: accept only the first 10 items of each request, hand back the rest.
                var all = request.RequestItems[_settings.HistoryTable];
                var accepted = all.Take(10).ToList();
                await dynamo.Client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [_settings.HistoryTable] = accepted } }, ct);
                var rest = all.Skip(10).ToList();
                return new BatchWriteItemResponse { UnprocessedItems = rest.Count == 0 ? [] : new() { [_settings.HistoryTable] = rest } };
            },
            dynamo.Server.ServiceUrl,
            Fast);

        await writer.WriteAsync(_settings.HistoryTable, Items("BW#retry", 1000), CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 1000), await ReadBackAsync("BW#retry"));
        Assert.Equal(40 * 3, calls);
    }

    [Fact]
    public async Task Items_never_processed_become_a_clear_error_after_the_attempt_limit()
    {
        var calls = 0;
        var writer = new DynamoBatchWriter(
            (request, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromResult(new BatchWriteItemResponse { UnprocessedItems = request.RequestItems });
            },
            "http://throttled.example",
            Fast with { MaxAttempts = 4, MaxInFlight = 1 });

        var error = await Assert.ThrowsAsync<AwsStoreException>(() => writer.WriteAsync("tbl", Items("x", 30), CancellationToken.None));

        Assert.Contains("dynamodb table tbl at http://throttled.example", error.Message, StringComparison.Ordinal);
        Assert.Contains("unprocessed after 4 BatchWriteItem attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task Repeated_keys_in_one_call_collapse_to_the_last_write()
    {
        var writer = new DynamoBatchWriter(dynamo.Client, dynamo.Server.ServiceUrl);
        var first = Items("BW#dup", 30);
        var second = Items("BW#dup", 30);
        foreach (var w in second)
        {
            w.PutRequest.Item["n"] = new AttributeValue { N = (int.Parse(w.PutRequest.Item["n"].N, CultureInfo.InvariantCulture) + 100).ToString(CultureInfo.InvariantCulture) };
        }

        await writer.WriteAsync(_settings.HistoryTable, [.. first, .. second], CancellationToken.None);

        Assert.Equal(Enumerable.Range(100, 30), await ReadBackAsync("BW#dup"));
    }
}
