using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.S3.Model;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws;

/// <summary>/ready's DynamoDB check: DescribeTable on each of the three tables.</summary>
public sealed class DynamoStoreProbe(IAmazonDynamoDB client, AwsSettings settings) : IStoreProbe
{
    public string Name => "dynamodb";

    public async Task PingAsync(CancellationToken ct)
    {
        var endpoint = AwsClientFactory.DynamoDbEndpoint(settings);
        foreach (var table in new[] { settings.HistoryTable, settings.AlarmsTable, settings.LedgerTable })
        {
            await AwsCall.RunAsync("dynamodb", "table " + table, endpoint, () => client.DescribeTableAsync(table, ct), ct);
        }
    }
}

/// <summary>/ready's S3 check: a one-key listing of each feed bucket (needs only s3:ListBucket).</summary>
public sealed class S3StoreProbe(IAmazonS3 client, AwsSettings settings) : IStoreProbe
{
    public string Name => "s3";

    public async Task PingAsync(CancellationToken ct)
    {
        var endpoint = AwsClientFactory.S3Endpoint(settings);
        foreach (var role in Enum.GetValues<BucketRole>())
        {
            var bucket = settings.BucketName(role);
            await AwsCall.RunAsync(
                "s3", "bucket " + bucket, endpoint,
                () => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, ct), ct);
        }
    }
}
