using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds;

/// <summary>Bucket role + object key → feed kind and business date (FORMATS.md "Object keys").</summary>
public static class ObjectKeyRouter
{
    // CONTRACT STUB: replaced by the feed-parser work (issue 2).
    public static ObjectRoute Route(BucketRole bucket, string key, DateTimeOffset processingTime) =>
        throw new NotImplementedException();
}
