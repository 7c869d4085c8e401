using System.Text.Json;
using Frgm.Domain.Model;
using Frgm.Functions.Events;
using Frgm.Functions.Observability;
using Frgm.Storage.Aws;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Handlers;

/// <summary>
/// SQS batch of S3 notifications → IngestionService, with a partial batch response: only messages that threw
/// or must be retried (the file is being processed elsewhere) go back to the queue; after N receives the
/// queue moves them to the DLQ. A file that fails to parse is recorded FAILED by the service and not retried.
/// </summary>
public sealed class IngestFunction : ILambdaHandler
{
    private readonly Dependencies _d;

    public IngestFunction(IngestionService ingestion, AwsSettings aws, FrgmMetrics metrics, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _d = new Dependencies(ingestion, aws, metrics, clock, loggers.CreateLogger<IngestFunction>());
    }

    public Task<Stream> HandleAsync(Stream input) => HandleAsync(input, CancellationToken.None);

    public async Task<Stream> HandleAsync(Stream input, CancellationToken ct)
    {
        var d = _d;
        var sqs = await FunctionJson.ReadAsync(input, EventJsonContext.Default.SqsEvent, "ingest", ct);
        var response = new BatchResponse();
        foreach (var message in sqs.Records)
        {
            bool done;
            try
            {
                done = await ProcessMessageAsync(d, message, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                d.Logger.LogError(ex, "message {MessageId} (receive {ReceiveCount}) failed; SQS will deliver it again", message.MessageId, message.Attributes?.ApproximateReceiveCount);
                done = false;
            }

            if (!done)
            {
                response.BatchItemFailures.Add(new BatchItemFailure(message.MessageId));
            }
        }

        return FunctionJson.Write(response, EventJsonContext.Default.BatchResponse);
    }

    /// <summary>True when the message is finished with (ingested, a ledger no-op, or nothing to do).</summary>
    private static async Task<bool> ProcessMessageAsync(Dependencies d, SqsMessage message, CancellationToken ct)
    {
        S3EventNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize(message.Body ?? "null", EventJsonContext.Default.S3EventNotification);
        }
        catch (JsonException ex)
        {
            // Not retryable, but not dropped either: failing it sends it on to the DLQ where it can be inspected.
            d.Logger.LogError(ex, "message {MessageId}: body is not an S3 event notification", message.MessageId);
            return false;
        }

        if (notification is null || notification.IsTestEvent)
        {
            d.Logger.LogInformation("message {MessageId}: {Kind} ignored", message.MessageId, notification is null ? "empty body" : "s3:TestEvent");
            return true;
        }

        var ok = true;
        foreach (var record in notification.Records ?? [])
        {
            ok &= await ProcessRecordAsync(d, message.MessageId, record, ct);
        }

        return ok;
    }

    private static async Task<bool> ProcessRecordAsync(Dependencies d, string messageId, S3EventRecord record, CancellationToken ct)
    {
        var bucketName = record.S3?.Bucket?.Name;
        var encodedKey = record.S3?.S3Object?.Key;
        if (bucketName is null || encodedKey is null)
        {
            d.Logger.LogError("message {MessageId}: S3 record without bucket name or object key", messageId);
            return false;
        }

        if (record.EventName is { } name && !name.StartsWith("ObjectCreated:", StringComparison.Ordinal))
        {
            d.Logger.LogInformation("message {MessageId}: {EventName} on {Bucket} ignored", messageId, name, bucketName);
            return true;
        }

        if (BucketRoles.Resolve(d.Aws, bucketName) is not { } role)
        {
            d.Logger.LogError("message {MessageId}: bucket {Bucket} is none of the configured feed buckets", messageId, bucketName);
            return false;
        }

        var key = S3ObjectKeys.Decode(encodedKey);
        var result = await d.Ingestion.IngestAsync(role, key, ct);
        var entry = result.Entry;
        var feed = entry.Feed is { } kind ? WireNames.Of(kind) : "none";
        var status = WireNames.Of(entry.Status);
        d.Logger.LogInformation(
            "{Bucket}/{Key}: {Outcome} {Status}, {Rows} rows, {Rejected} rejected",
            bucketName,
            key,
            result.Outcome.ToString(),
            status,
            entry.Rows,
            entry.RejectedRows);
        if (result.ShouldRetry)
        {
            return false;
        }

        if (result.Outcome == Frgm.Application.Ports.LedgerClaimOutcome.Claimed)
        {
            d.Metrics.FileProcessed(feed, status);
            d.Metrics.RowsIngested(feed, entry.Rows);
            d.Metrics.RowsRejected(feed, entry.RejectedRows);
            if (record.EventTime is { } eventTime)
            {
                d.Metrics.IngestLatency(feed, d.Clock.GetUtcNow() - eventTime);
            }
        }

        return true;
    }

    private sealed record Dependencies(IngestionService Ingestion, AwsSettings Aws, FrgmMetrics Metrics, TimeProvider Clock, ILogger Logger);
}
