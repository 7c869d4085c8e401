using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using static Frgm.Storage.Aws.AttributeValues;

namespace Frgm.Storage.Aws;

/// <summary>LedgerEntry ⇄ item for the ledger table; attribute names are the /api/files names.</summary>
internal static class LedgerItems
{
    public static string Partition(BucketRole bucket, string key) => $"FILE#{WireNames.Of(bucket)}#{key}";

    public static string Sort(string sha256) => sha256;

    public static string StatusPartition(FileStatus status) => "FILES#" + WireNames.Of(status);

    /// <summary>Received time first, so the index reads newest first; then the identity to keep it unique.</summary>
    public static string StatusSort(DateTimeOffset receivedAt, BucketRole bucket, string key, string sha256) =>
        $"{Format(receivedAt)}#{WireNames.Of(bucket)}#{key}#{sha256}";

    public static Dictionary<string, AttributeValue> Entry(LedgerEntry e)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [TableShape.PartitionKey] = S(Partition(e.Bucket, e.Key)),
            [TableShape.SortKey] = S(Sort(e.Sha256)),
            [TableShape.Gsi1PartitionKey] = S(StatusPartition(e.Status)),
            [TableShape.Gsi1SortKey] = S(StatusSort(e.ReceivedAt, e.Bucket, e.Key, e.Sha256)),
            ["bucket"] = S(WireNames.Of(e.Bucket)),
            ["key"] = S(e.Key),
            ["sha256"] = S(e.Sha256),
            ["status"] = S(WireNames.Of(e.Status)),
            ["rows"] = N(e.Rows),
            ["rejected_rows"] = N(e.RejectedRows),
            ["errors"] = new AttributeValue { L = [.. e.Errors.Select(S)] },
            ["received_at"] = Time(e.ReceivedAt),
            ["attempts"] = N(e.Attempts),
            ["duplicates"] = N(e.Duplicates),
        };
        if (e.Feed is { } feed)
        {
            item["feed"] = S(WireNames.Of(feed));
        }

        PutIfNotNull(item, "completed_at", e.CompletedAt);
        if (e.Notes.Count > 0)
        {
            item["notes"] = new AttributeValue { L = [.. e.Notes.Select(S)] };
        }

        return item;
    }

    public static LedgerEntry ToEntry(Dictionary<string, AttributeValue> item) => new(
        WireNames.ParseBucketRole(item.GetString("bucket")),
        item.GetString("key"),
        item.GetString("sha256"),
        item.GetStringOrNull("feed") is { } feed ? WireNames.ParseFeedKind(feed) : null,
        WireNames.ParseFileStatus(item.GetString("status")),
        item.GetIntOrZero("rows"),
        item.GetIntOrZero("rejected_rows"),
        item.TryGetValue("errors", out var errors) && errors.L is { } list ? [.. list.Select(v => v.S ?? "")] : [],
        item.GetTime("received_at"),
        item.GetTimeOrNull("completed_at"),
        item.GetIntOrZero("attempts"))
    {
        Duplicates = item.GetIntOrZero("duplicates"),
        Notes = item.TryGetValue("notes", out var notes) && notes.L is { } noted ? [.. noted.Select(v => v.S ?? "")] : [],
    };
}
