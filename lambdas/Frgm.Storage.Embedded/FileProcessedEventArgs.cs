using Frgm.Domain.Model;
using Frgm.Application.Ingestion;

namespace Frgm.Storage.Embedded;

/// <summary>One file handled by the watcher: the ingestion result, or the error that will be retried.</summary>
public sealed class FileProcessedEventArgs(BucketRole bucket, string key, IngestionResult? result, Exception? error, TimeSpan elapsed) : EventArgs
{
    public BucketRole Bucket { get; } = bucket;

    public string Key { get; } = key;

    public IngestionResult? Result { get; } = result;

    public Exception? Error { get; } = error;

    public TimeSpan Elapsed { get; } = elapsed;
}
