using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Polly;

namespace Frgm.Storage.Aws;

/// <summary>
/// One table behind one client: every call goes through <see cref="AwsCall"/> so a failure names
/// "dynamodb table X at endpoint". Conditional-check failures are left to the caller, which expects them.
/// </summary>
internal sealed class DynamoTable
{
    private const int BatchGetAttempts = 10;

    private static readonly ResiliencePipeline<int> BatchGetRetry =
        DynamoRetry.WhilePending(BatchGetAttempts, TimeSpan.FromMilliseconds(25), TimeSpan.FromSeconds(2));

    public DynamoTable(IAmazonDynamoDB client, string name, string endpoint)
    {
        Client = client;
        Name = name;
        Endpoint = endpoint;
        Writer = new DynamoBatchWriter(client, endpoint);
    }

    public IAmazonDynamoDB Client { get; }

    public string Name { get; }

    public string Endpoint { get; }

    public DynamoBatchWriter Writer { get; }

    public static Dictionary<string, AttributeValue> Key(string pk, string sk) => new()
    {
        [TableShape.PartitionKey] = AttributeValues.S(pk),
        [TableShape.SortKey] = AttributeValues.S(sk),
    };

    public Task<T> RunAsync<T>(Func<IAmazonDynamoDB, Task<T>> call, CancellationToken ct) =>
        AwsCall.RunAsync("dynamodb", "table " + Name, Endpoint, () => call(Client), ct);

    public Task RunAsync(Func<IAmazonDynamoDB, Task> call, CancellationToken ct) =>
        AwsCall.RunAsync("dynamodb", "table " + Name, Endpoint, () => call(Client), ct);

    public async Task<Dictionary<string, AttributeValue>?> GetAsync(string pk, string sk, CancellationToken ct)
    {
        var response = await RunAsync(
            c => c.GetItemAsync(new GetItemRequest { TableName = Name, Key = Key(pk, sk), ConsistentRead = true }, ct),
            ct);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    public Task PutAsync(Dictionary<string, AttributeValue> item, CancellationToken ct) =>
        RunAsync(c => c.PutItemAsync(new PutItemRequest { TableName = Name, Item = item }, ct), ct);

    public Task WriteAllAsync(IReadOnlyList<WriteRequest> requests, CancellationToken ct) => Writer.WriteAsync(Name, requests, ct);

    /// <summary>Every item the query matches, all pages.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> QueryAllAsync(QueryRequest request, CancellationToken ct)
    {
        request.TableName = Name;
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var page = await RunAsync(c => c.QueryAsync(request, ct), ct);
            if (page.Items is { } pageItems)
            {
                items.AddRange(pageItems);
            }

            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }

    public Task<QueryResponse> QueryPageAsync(QueryRequest request, CancellationToken ct)
    {
        request.TableName = Name;
        return RunAsync(c => c.QueryAsync(request, ct), ct);
    }

    /// <summary>All items of one partition (optionally with sort keys starting with <paramref name="skPrefix"/>).</summary>
    public Task<List<Dictionary<string, AttributeValue>>> QueryPartitionAsync(string pk, string? skPrefix, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            ConsistentRead = true,
            KeyConditionExpression = skPrefix is null ? "pk = :pk" : "pk = :pk AND begins_with(sk, :sk)",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = AttributeValues.S(pk) },
        };
        if (skPrefix is not null)
        {
            request.ExpressionAttributeValues[":sk"] = AttributeValues.S(skPrefix);
        }

        return QueryAllAsync(request, ct);
    }

    /// <summary>Strongly consistent BatchGetItem, 100 keys a request, unprocessed keys retried with backoff.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> BatchGetAsync(
        IReadOnlyCollection<(string Pk, string Sk)> keys, CancellationToken ct)
    {
        var found = new List<Dictionary<string, AttributeValue>>();
        foreach (var chunk in keys.Distinct().Chunk(100))
        {
            var pending = new KeysAndAttributes { ConsistentRead = true, Keys = [.. chunk.Select(k => Key(k.Pk, k.Sk))] };
            var left = await BatchGetRetry.ExecuteAsync(
                async token =>
                {
                    var request = new BatchGetItemRequest { RequestItems = new Dictionary<string, KeysAndAttributes> { [Name] = pending } };
                    var response = await RunAsync(c => c.BatchGetItemAsync(request, token), token);
                    if (response.Responses is { } responses && responses.TryGetValue(Name, out var items) && items is not null)
                    {
                        found.AddRange(items);
                    }

                    pending = response.UnprocessedKeys is { } unprocessed && unprocessed.TryGetValue(Name, out var rest) && rest is not null
                        ? rest
                        : new KeysAndAttributes();
                    return pending.Keys?.Count ?? 0;
                },
                ct);
            if (left > 0)
            {
                throw new AwsStoreException(
                    $"dynamodb table {Name} at {Endpoint}: {left} keys still unprocessed after {BatchGetAttempts} BatchGetItem attempts");
            }
        }

        return found;
    }

    /// <summary>
    /// Runs a TransactWriteItems; false when a condition refused it. Transaction conflicts (which the SDK does not
    /// retry) are retried through <see cref="DynamoRetry.Conflicts"/>, then become an error naming the table.
    /// </summary>
    public async Task<bool> TryTransactAsync(List<TransactWriteItem> items, CancellationToken ct)
    {
        try
        {
            await DynamoRetry.Conflicts.ExecuteAsync(
                async token => await RunAsync(c => c.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, token), token),
                ct);
            return true;
        }
        catch (TransactionCanceledException ex)
        {
            return DynamoRetry.IsConditionFailure(ex) ? false : throw AwsCall.Wrap("dynamodb", "table " + Name, Endpoint, ex);
        }
    }

    /// <summary>Runs an UpdateItem; false when its condition did not hold.</summary>
    public async Task<bool> TryUpdateAsync(UpdateItemRequest request, CancellationToken ct)
    {
        request.TableName = Name;
        try
        {
            await RunAsync(c => c.UpdateItemAsync(request, ct), ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Runs a PutItem; false when its condition did not hold.</summary>
    public async Task<bool> TryPutAsync(PutItemRequest request, CancellationToken ct)
    {
        request.TableName = Name;
        try
        {
            await RunAsync(c => c.PutItemAsync(request, ct), ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
