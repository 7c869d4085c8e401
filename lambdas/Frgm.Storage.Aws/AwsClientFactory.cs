using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;

namespace Frgm.Storage.Aws;

/// <summary>
/// Creates the low-level SDK clients from <see cref="AwsSettings"/>. In AWS the default credential chain and
/// region apply; with a ServiceUrl override (DynamoDB Local, s3rver) placeholder credentials are used, because
/// local servers accept any and a laptop usually has none.
/// </summary>
public static class AwsClientFactory
{
    private const string LocalRegion = "us-east-1";

    /// <param name="maxErrorRetry">Overrides the retry count, e.g. 0 for a readiness probe that must answer fast.</param>
    public static AmazonDynamoDBClient CreateDynamoDb(AwsSettings settings, int? maxErrorRetry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The SDK's DynamoDB default is 10 retries with up to 20 s backoff: ~100 s before an unreachable endpoint
        // surfaces, longer than an ingest Lambda should hang. Four retries still ride out a brief blip.
        var config = new AmazonDynamoDBConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = maxErrorRetry ?? 4,
            Timeout = TimeSpan.FromSeconds(20),
        };
        if (settings.DynamoDbServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = settings.Region ?? LocalRegion;
            return new AmazonDynamoDBClient(LocalCredentials(), config);
        }

        if (settings.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonDynamoDBClient(config);
    }

    /// <param name="maxErrorRetry">Overrides the retry count, e.g. 0 for a readiness probe that must answer fast.</param>
    public static AmazonS3Client CreateS3(AwsSettings settings, int? maxErrorRetry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonS3Config { RetryMode = RequestRetryMode.Standard, MaxErrorRetry = maxErrorRetry ?? 4 };
        if (settings.S3ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = settings.Region ?? LocalRegion;
            return new AmazonS3Client(S3rverCredentials(), config);
        }

        if (settings.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonS3Client(config);
    }

    /// <summary>How error messages name the DynamoDB endpoint: the override URL, else the regional host.</summary>
    public static string DynamoDbEndpoint(AwsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.DynamoDbServiceUrl ?? $"dynamodb.{settings.Region ?? "default-region"}.amazonaws.com";
    }

    public static string S3Endpoint(AwsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.S3ServiceUrl ?? $"s3.{settings.Region ?? "default-region"}.amazonaws.com";
    }

    // Not a secret: local servers accept any credentials (DynamoDB Local wants letters and digits only); the SDK
    // merely insists on having some to sign with.
    private static BasicAWSCredentials LocalCredentials() => new("frgmlocal", "frgmlocal");

    // s3rver checks signatures against its one documented built-in key pair, S3RVER/S3RVER (not a secret either).
    private static BasicAWSCredentials S3rverCredentials() => new("S3RVER", "S3RVER");
}
