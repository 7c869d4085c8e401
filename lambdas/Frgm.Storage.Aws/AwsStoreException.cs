namespace Frgm.Storage.Aws;

/// <summary>
/// A DynamoDB or S3 call that failed for a reason the caller cannot fix by retrying the same item (endpoint
/// unreachable, table missing, access denied, retries exhausted). The message names the store, the table or
/// bucket, and the endpoint, because the ingestion service records it in the ledger as the failure reason.
/// </summary>
public sealed class AwsStoreException : Exception
{
    public AwsStoreException(string message)
        : base(message)
    {
    }

    public AwsStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AwsStoreException()
    {
    }
}
