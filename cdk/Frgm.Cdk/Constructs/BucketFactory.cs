using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>Buckets with the platform's defaults: no public access, SSL only, encrypted, logged, tiered to Glacier.</summary>
public static class BucketFactory
{
    /// <summary>
    /// The server-access-log and ALB-log bucket. SSE-S3 because neither S3 server access logging nor ALB
    /// access logging can write to a KMS-encrypted bucket.
    /// </summary>
    public static Bucket AccessLogBucket(Construct scope, string id, string name, EnvironmentConfig config) =>
        new(scope, id, new BucketProps
        {
            BucketName = name,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            Versioned = config.Versioned,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            RemovalPolicy = Removal.For(config),
            LifecycleRules = [GlacierRule(config)],
        });

    /// <summary>A feed bucket (actant, tt, trades): KMS with bucket keys, access logs under <c>s3/&lt;name&gt;/</c>.</summary>
    public static Bucket DataBucket(Construct scope, string id, string name, IKey key, IBucket accessLogs, EnvironmentConfig config) =>
        new(scope, id, new BucketProps
        {
            BucketName = name,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.KMS,
            EncryptionKey = key,
            BucketKeyEnabled = true,
            EnforceSSL = true,
            Versioned = config.Versioned,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            RemovalPolicy = Removal.For(config),
            ServerAccessLogsBucket = accessLogs,
            ServerAccessLogsPrefix = $"s3/{name}/",
            LifecycleRules = [GlacierRule(config)],
        });

    private static LifecycleRule GlacierRule(EnvironmentConfig config) => new()
    {
        Id = "glacier-after-" + config.GlacierAfterDays.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-days",
        Enabled = true,
        AbortIncompleteMultipartUploadAfter = Duration.Days(7),
        Transitions = [new Transition { StorageClass = StorageClass.GLACIER, TransitionAfter = Duration.Days(config.GlacierAfterDays) }],
        NoncurrentVersionTransitions = config.Versioned
            ? [new NoncurrentVersionTransition { StorageClass = StorageClass.GLACIER, TransitionAfter = Duration.Days(config.GlacierAfterDays) }]
            : null,
    };
}
