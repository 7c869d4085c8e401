using Frgm.Application.Composition;
using Frgm.Functions.Secrets;
using Frgm.Storage.Aws;

namespace Frgm.Functions.Hosting;

/// <summary>The AWS adapter set (MemoryDB, DynamoDB, S3), with the Redis password read from Secrets Manager.</summary>
public static class AwsStorage
{
    /// <summary>The Lambda's composition: in Lambda the per-feed limits apply, in the local runner none.</summary>
    public static StorageComposition Compose { get; } = async (services, host, ct) =>
    {
        var aws = host.Aws;
        var password = aws.RedisPassword;
        if (password is null && aws.RedisPasswordSecretArn is { } arn)
        {
            password = SecretFields.FieldOrPlain(await host.Secrets.GetSecretStringAsync(arn, ct), "password", arn);
        }

        var storage = await AwsStorageFactory.CreateAsync(aws, password, host.Loggers, subscribe: false, ct);
        services.AddFrgmAws(host.Configuration, host.InLambda ? IngestionRole.Lambda : IngestionRole.LocalRunner, aws, storage);
    };
}
