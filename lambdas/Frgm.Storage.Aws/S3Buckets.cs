using Amazon.S3;
using Amazon.S3.Model;
using Frgm.Domain.Model;

namespace Frgm.Storage.Aws;

/// <summary>Creates the three feed buckets on a local S3 (s3rver) for tests and the local runner; CDK owns them in AWS.</summary>
public static class S3Buckets
{
    public static async Task CreateAllAsync(IAmazonS3 client, AwsSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var role in Enum.GetValues<BucketRole>())
        {
            var name = settings.BucketName(role);
            await AwsCall.RunAsync(
                "s3",
                "bucket " + name,
                AwsClientFactory.S3Endpoint(settings),
                async () =>
                {
                    try
                    {
                        await client.PutBucketAsync(new PutBucketRequest { BucketName = name }, ct);
                    }
                    catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
                    {
                        // idempotent
                    }
                },
                ct);
        }
    }
}
