using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Polly;

namespace Frgm.Storage.Aws;

/// <summary>Tuning of <see cref="DynamoBatchWriter"/>; the defaults suit a Lambda writing one file's rows.</summary>
public sealed record DynamoBatchWriterOptions
{
    /// <summary>
    /// BatchWriteItem requests (25 items each) in flight at once. A file's bars are a few dozen requests, so their time
    /// is latency, not throughput: 32 sends one call of up to 800 bars (a 10k-row file of 500 instruments has 500) in
    /// one round of requests, where 16 took two.
    /// </summary>
    public int MaxInFlight { get; init; } = 32;

    /// <summary>Attempts per 25-item batch, the first included, before unprocessed items become an error.</summary>
    public int MaxAttempts { get; init; } = 10;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Writes any number of put/delete requests to one table: 25 per BatchWriteItem, several batches in flight,
/// UnprocessedItems (which the SDK reports as success, so never retries) retried through
/// <see cref="DynamoRetry.WhilePending"/> a bounded number of times, then an
/// <see cref="AwsStoreException"/> saying how many items were not written.
/// </summary>
public sealed class DynamoBatchWriter
{
    public const int BatchSize = 25;

    private readonly Func<BatchWriteItemRequest, CancellationToken, Task<BatchWriteItemResponse>> _send;
    private readonly string _endpoint;
    private readonly DynamoBatchWriterOptions _options;
    private readonly ResiliencePipeline<int> _retry;

    public DynamoBatchWriter(IAmazonDynamoDB client, string endpoint, DynamoBatchWriterOptions? options = null)
        : this(client is null ? throw new ArgumentNullException(nameof(client)) : client.BatchWriteItemAsync, endpoint, options)
    {
    }

    /// <summary>For tests that need to see the retry loop: <paramref name="send"/> stands between the writer and the client.</summary>
    internal DynamoBatchWriter(
        Func<BatchWriteItemRequest, CancellationToken, Task<BatchWriteItemResponse>> send,
        string endpoint,
        DynamoBatchWriterOptions? options = null)
    {
        _send = send;
        _endpoint = endpoint;
        _options = options ?? new DynamoBatchWriterOptions();
        if (_options.MaxInFlight < 1 || _options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxInFlight and MaxAttempts must be at least 1");
        }

        _retry = DynamoRetry.WhilePending(_options.MaxAttempts, _options.BaseDelay, _options.MaxDelay);
    }

    /// <summary>
    /// Writes every request. Two requests for the same pk/sk in one call collapse to the last one (BatchWriteItem
    /// rejects a batch naming one key twice, and the last write would win anyway).
    /// </summary>
    public async Task WriteAsync(string table, IReadOnlyList<WriteRequest> requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var unique = LastPerKey(requests);
        if (unique.Count == 0)
        {
            return;
        }

        var batches = unique.Chunk(BatchSize).ToList();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxInFlight, CancellationToken = ct },
            async (batch, token) => await WriteBatchAsync(table, batch, token));
    }

    private async Task WriteBatchAsync(string table, WriteRequest[] batch, CancellationToken ct)
    {
        List<WriteRequest> pending = [.. batch];
        var attempts = 0;
        var left = await _retry.ExecuteAsync(
            async token =>
            {
                attempts++;
                var request = new BatchWriteItemRequest
                {
                    RequestItems = new Dictionary<string, List<WriteRequest>> { [table] = pending },
                };
                var response = await AwsCall.RunAsync("dynamodb", "table " + table, _endpoint, () => _send(request, token), token);
                pending = response.UnprocessedItems is { } unprocessed && unprocessed.TryGetValue(table, out var rest) ? rest ?? [] : [];
                return pending.Count;
            },
            ct);
        if (left > 0)
        {
            throw new AwsStoreException(
                $"dynamodb table {table} at {_endpoint}: {left} of {batch.Length} items still unprocessed " +
                $"after {attempts} BatchWriteItem attempts (throttled); nothing else in the batch was lost");
        }
    }

    private static List<WriteRequest> LastPerKey(IReadOnlyList<WriteRequest> requests)
    {
        var index = new Dictionary<(string?, string?), int>();
        var result = new List<WriteRequest>(requests.Count);
        foreach (var request in requests)
        {
            var key = request.PutRequest?.Item ?? request.DeleteRequest?.Key
                ?? throw new ArgumentException("a WriteRequest needs a PutRequest or a DeleteRequest", nameof(requests));
            var id = (key.GetStringOrNull(TableShape.PartitionKey), key.GetStringOrNull(TableShape.SortKey));
            if (index.TryGetValue(id, out var at))
            {
                result[at] = request;
            }
            else
            {
                index[id] = result.Count;
                result.Add(request);
            }
        }

        return result;
    }
}
