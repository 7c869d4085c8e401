using Frgm.Storage.Configuration;
using Frgm.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Frgm.Storage;

/// <summary>
/// PLACEHOLDER from the functions branch so the Lambda hosts compile before the AWS adapters land; the lead
/// replaces it with the real factory (Redis + DynamoDB + S3). Signature per the functions brief.
/// </summary>
public static class AwsStorageFactory
{
    public static StorageSet Create(AwsSettings settings, string? redisPassword, ILoggerFactory loggers) =>
        throw new NotSupportedException("AwsStorageFactory is a placeholder until the AWS adapters are merged");
}
