using System.Globalization;
using System.Text;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Core;

/// <summary>The Files page's and <c>/api/files</c>' filters, already validated.</summary>
public sealed record FileQuery(FileStatus? Status, DateOnly? BusinessDate, FeedKind? Feed, string? Key, int Limit, string? Cursor)
{
    /// <summary>True when only the ledger's own order and status decide the page (no scan for other filters needed).</summary>
    public bool Unfiltered => BusinessDate is null && Feed is null && Key is null && Cursor is null;
}

/// <summary>A ledger entry with the business date its key names (FORMATS.md: folders, else file name, else receipt).</summary>
public sealed record FileView(LedgerEntry Entry, DateOnly BusinessDate);

public sealed record FilesPageView(IReadOnlyList<FileView> Files, string? NextCursor);

/// <summary>
/// Filters and pages ledger entries, newest first: by the business date of the key (not the day received), the
/// feed, a case-insensitive part of the key, and a cursor naming the last entry of the previous page.
/// </summary>
public static class FileListing
{
    /// <summary>How many newest entries a filtered or paged listing reaches (the same window the overview counts).</summary>
    public const int ScanLimit = DashboardReader.LedgerSample;

    public static DateOnly BusinessDateOf(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ObjectKeyRouter.Route(entry.Bucket, entry.Key, entry.ReceivedAt).BusinessDate;
    }

    public static FilesPageView Page(IEnumerable<LedgerEntry> entries, FileQuery query)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Cursor is { } cursor ? Decode(cursor) : null;
        var page = new List<FileView>(Math.Min(query.Limit, 1024));
        string? next = null;
        foreach (var entry in entries.OrderByDescending(e => e, Newest))
        {
            if (after is not null && Newest.Compare(entry, after) >= 0)
            {
                continue;
            }

            if (query.Status is { } status && entry.Status != status)
            {
                continue;
            }

            if (query.Feed is { } feed && entry.Feed != feed)
            {
                continue;
            }

            if (query.Key is { } part && !entry.Key.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var date = BusinessDateOf(entry);
            if (query.BusinessDate is { } wanted && date != wanted)
            {
                continue;
            }

            if (page.Count == query.Limit)
            {
                next = Encode(page[^1].Entry);
                break;
            }

            page.Add(new FileView(entry, date));
        }

        return new FilesPageView(page, next);
    }

    /// <summary>Received time, then key, bucket and content hash: a total order, so a cursor is one exact place.</summary>
    private static readonly Comparer<LedgerEntry> Newest = Comparer<LedgerEntry>.Create((a, b) =>
    {
        var c = a.ReceivedAt.UtcTicks.CompareTo(b.ReceivedAt.UtcTicks);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Key, b.Key);
        }

        if (c == 0)
        {
            c = a.Bucket.CompareTo(b.Bucket);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Sha256, b.Sha256);
    });

    private static string Encode(LedgerEntry last)
    {
        var text = string.Join('\n', last.ReceivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), WireNames.Of(last.Bucket), last.Sha256, last.Key);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>A stand-in entry at the cursor's place; FormatException when the text is not a cursor of this listing.</summary>
    private static LedgerEntry Decode(string cursor)
    {
        var b64 = cursor.Replace('-', '+').Replace('_', '/');
        b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
        }
        catch (FormatException)
        {
            throw new FormatException("not base64url");
        }

        var parts = text.Split('\n', 4);
        if (parts.Length != 4
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !WireNames.TryParse<BucketRole>(parts[1], WireNames.Of, out var bucket))
        {
            throw new FormatException("not a files cursor");
        }

        return new LedgerEntry(bucket, parts[3], parts[2], null, FileStatus.Completed, 0, 0, [], new DateTimeOffset(ticks, TimeSpan.Zero), null, 0);
    }
}
