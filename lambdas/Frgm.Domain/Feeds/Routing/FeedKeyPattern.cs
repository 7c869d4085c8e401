using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds.Routing;

/// <summary>One row of FORMATS.md "Object keys": a bucket, a top-level folder and the file extension it holds.</summary>
internal sealed record FeedKeyPattern(BucketRole Bucket, string Folder, string Extension, FeedKind Feed)
{
    public static IReadOnlyList<FeedKeyPattern> All { get; } =
    [
        new(BucketRole.Actant, "market-data", ".csv", FeedKind.MarketData),
        new(BucketRole.Actant, "eod", ".csv", FeedKind.Eod),
        new(BucketRole.Actant, "sod", ".csv", FeedKind.Sod),
        new(BucketRole.Tt, "working-orders", ".json", FeedKind.WorkingOrders),
        new(BucketRole.Trades, "trades", ".csv", FeedKind.Trades),
    ];
}
