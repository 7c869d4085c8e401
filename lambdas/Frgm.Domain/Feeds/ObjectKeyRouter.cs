using Frgm.Domain.Feeds.Routing;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds;

/// <summary>
/// Bucket role + object key → feed kind and business date (FORMATS.md "Object keys"). The business date comes
/// from the key's <c>YYYY/MM/DD</c> folders, else a <c>YYYYMMDD</c> run in the file name, else the processing
/// time's UTC date. A key that fits no pattern of its bucket is routed as IGNORED with the reason, never dropped.
/// Keys arrive already URL-decoded (S3 event records encode them; decoding belongs to the event reader).
/// </summary>
public static class ObjectKeyRouter
{
    /// <summary>
    /// Reserved for the post-deploy smoke test (tests/Frgm.Smoke): a file here proves the pipeline (event, queue,
    /// function, ledger) end to end and is then removed with its ledger entries; it is never parsed or applied.
    /// </summary>
    public const string CanaryFolder = "canary";

    public const string CanaryReason = "smoke-test canary: recorded in the ledger, never applied to positions or prices";

    public static ObjectRoute Route(BucketRole bucket, string key, DateTimeOffset processingTime)
    {
        ArgumentNullException.ThrowIfNull(key);
        var processingDate = DateOnly.FromDateTime(processingTime.UtcDateTime);
        ObjectRoute Ignore(string reason) => new(bucket, key, null, processingDate, null, reason);

        var segments = key.TrimStart('/').Split('/');
        var fileName = segments[^1];
        if (segments.Length < 2)
        {
            return Ignore($"key '{key}' is not inside a feed folder ({ExpectedFolders(bucket)})");
        }

        if (string.Equals(segments[0], CanaryFolder, StringComparison.Ordinal))
        {
            return Ignore(CanaryReason);
        }

        var pattern = FeedKeyPattern.All.FirstOrDefault(p =>
            p.Bucket == bucket && string.Equals(p.Folder, segments[0], StringComparison.OrdinalIgnoreCase));
        if (pattern is null)
        {
            var elsewhere = FeedKeyPattern.All.FirstOrDefault(p =>
                string.Equals(p.Folder, segments[0], StringComparison.OrdinalIgnoreCase));
            return Ignore(elsewhere is null
                ? $"folder '{segments[0]}/' is not a feed of the {WireNames.Of(bucket)} bucket ({ExpectedFolders(bucket)})"
                : $"folder '{segments[0]}/' belongs to the {WireNames.Of(elsewhere.Bucket)} bucket, not {WireNames.Of(bucket)}");
        }

        if (fileName.Length == 0)
        {
            return Ignore("key is a folder, not a file");
        }

        if (fileName.StartsWith('.'))
        {
            return Ignore($"'{fileName}' is a hidden or temporary file");
        }

        if (!fileName.EndsWith(pattern.Extension, StringComparison.OrdinalIgnoreCase)
            || fileName.Length == pattern.Extension.Length)
        {
            return Ignore($"{WireNames.Of(pattern.Feed)} files are {pattern.Extension}; '{fileName}' is not");
        }

        DateOnly businessDate;
        switch (KeyDates.TryFolderDate(segments[1..^1], out var folderDate, out var folderText))
        {
            case KeyDates.FolderDate.Found:
                businessDate = folderDate;
                break;
            case KeyDates.FolderDate.Invalid:
                return Ignore($"date folder '{folderText}' is not a real date");
            default:
                businessDate = KeyDates.TryFileNameDate(fileName, out var nameDate) ? nameDate : processingDate;
                break;
        }

        var fileNameTime = pattern.Feed == FeedKind.MarketData ? KeyDates.FileNameTime(fileName) : null;
        return new ObjectRoute(bucket, key, pattern.Feed, businessDate, fileNameTime, null);
    }

    private static string ExpectedFolders(BucketRole bucket) =>
        "expected " + string.Join(
            " or ",
            FeedKeyPattern.All.Where(p => p.Bucket == bucket).Select(p => $"{p.Folder}/…{p.Extension}"));
}
