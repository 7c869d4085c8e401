using Frgm.Functions.Secrets;
using Frgm.Storage.Aws;
using Frgm.Application.Ports;

namespace Frgm.Functions.Hosting;

/// <summary>The AWS adapter set (MemoryDB, DynamoDB, S3), with the Redis password read from Secrets Manager.</summary>
public static class AwsStorage
{
    public static async Task<StorageSet> CreateAsync(FunctionHost host, CancellationToken ct)
    {
        var aws = host.Aws;
        var password = aws.RedisPassword;
        if (password is null && aws.RedisPasswordSecretArn is { } arn)
        {
            password = SecretFields.FieldOrPlain(await host.Secrets.GetSecretStringAsync(arn, ct), "password", arn);
        }

        return await AwsStorageFactory.CreateAsync(aws, password, host.Loggers, subscribe: false, ct);
    }
}
