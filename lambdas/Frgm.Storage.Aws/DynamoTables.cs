using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Frgm.Storage.Aws;

/// <summary>
/// Creates the three tables exactly as the CDK app declares them (TABLES.md): on demand, string pk/sk, GSI
/// gsi1 (gsi1pk/gsi1sk, projection ALL), TTL expires_at on history, a NEW_AND_OLD_IMAGES stream on alarms.
/// For DynamoDB Local in tests, the local runner and benchmarks; in AWS CloudFormation owns the tables.
/// </summary>
public static class DynamoTables
{
    public static async Task CreateAllAsync(IAmazonDynamoDB client, AwsSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        var endpoint = AwsClientFactory.DynamoDbEndpoint(settings);
        await CreateAsync(client, settings.HistoryTable, endpoint, stream: false, ct);
        await CreateAsync(client, settings.AlarmsTable, endpoint, stream: true, ct);
        await CreateAsync(client, settings.LedgerTable, endpoint, stream: false, ct);
        await AwsCall.RunAsync("dynamodb", "table " + settings.HistoryTable, endpoint, () => EnableTtlAsync(client, settings.HistoryTable, ct), ct);
    }

    /// <summary>The CreateTable request for one table: the single source of the shape.</summary>
    public static CreateTableRequest Definition(string tableName, bool stream) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(TableShape.PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(TableShape.SortKey, ScalarAttributeType.S),
            new AttributeDefinition(TableShape.Gsi1PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(TableShape.Gsi1SortKey, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(TableShape.PartitionKey, KeyType.HASH),
            new KeySchemaElement(TableShape.SortKey, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = TableShape.Gsi1,
                KeySchema =
                [
                    new KeySchemaElement(TableShape.Gsi1PartitionKey, KeyType.HASH),
                    new KeySchemaElement(TableShape.Gsi1SortKey, KeyType.RANGE),
                ],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
        StreamSpecification = stream
            ? new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES }
            : null,
    };

    private static async Task CreateAsync(IAmazonDynamoDB client, string table, string endpoint, bool stream, CancellationToken ct)
    {
        await AwsCall.RunAsync(
            "dynamodb",
            "table " + table,
            endpoint,
            async () =>
            {
                try
                {
                    await client.CreateTableAsync(Definition(table, stream), ct);
                }
                catch (ResourceInUseException)
                {
                    // already there: creation is idempotent
                }

                await WaitActiveAsync(client, table, ct);
            },
            ct);
    }

    private static async Task WaitActiveAsync(IAmazonDynamoDB client, string table, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var description = await client.DescribeTableAsync(table, ct);
            if (description.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"dynamodb table {table} is still {description.Table.TableStatus} after 2 minutes");
            }

            await Task.Delay(200, ct);
        }
    }

    private static async Task EnableTtlAsync(IAmazonDynamoDB client, string table, CancellationToken ct)
    {
        var current = await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table }, ct);
        if (current.TimeToLiveDescription?.TimeToLiveStatus == TimeToLiveStatus.ENABLED)
        {
            return;
        }

        await client.UpdateTimeToLiveAsync(
            new UpdateTimeToLiveRequest
            {
                TableName = table,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TableShape.ExpiresAt, Enabled = true },
            },
            ct);
    }
}
