using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.TestSupport;

namespace Frgm.Domain.Tests.Feeds;

public class ObjectKeyRouterTests
{
    private static readonly DateTimeOffset Processing = new(2026, 11, 21, 1, 0, 0, TimeSpan.FromHours(5));

    public static TheoryData<string, BucketRole, string, FeedKind, string> SampleKeys => new()
    {
        { "actant", BucketRole.Actant, "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv", FeedKind.MarketData, "2026-11-20" },
        { "actant", BucketRole.Actant, "eod/2026/11/19/actant_eod_20261119.csv", FeedKind.Eod, "2026-11-19" },
        { "actant", BucketRole.Actant, "sod/2026/11/20/actant_sod_20261120.csv", FeedKind.Sod, "2026-11-20" },
        { "tt", BucketRole.Tt, "working-orders/2026/11/20/orders_snapshot_1795185000.json", FeedKind.WorkingOrders, "2026-11-20" },
        { "trades", BucketRole.Trades, "trades/2026/11/20/fills_20261120_1430.csv", FeedKind.Trades, "2026-11-20" },
    };

    [Theory]
    [MemberData(nameof(SampleKeys))]
    public void Every_sample_key_routes_to_its_feed_and_date(string folder, BucketRole bucket, string key, FeedKind feed, string date)
    {
        Assert.True(File.Exists(RepoPaths.Sample(Path.Combine(folder, key))), "sample file should exist for " + key);

        var route = ObjectKeyRouter.Route(bucket, key, Processing);

        Assert.False(route.IsIgnored, route.IgnoredReason);
        Assert.Equal(feed, route.Feed);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), route.BusinessDate);
        Assert.Equal((bucket, key), (route.Bucket, route.Key));
        Assert.Null(route.IgnoredReason);
    }

    [Theory]
    [InlineData(BucketRole.Actant, "canary/prod/smoke_20261120_143000_ab12.csv")]
    [InlineData(BucketRole.Trades, "canary/dev/x.csv")]
    public void The_reserved_canary_folder_is_understood_and_never_routed_to_a_feed(BucketRole bucket, string key)
    {
        var route = ObjectKeyRouter.Route(bucket, key, Processing);

        Assert.True(route.IsIgnored);
        Assert.Null(route.Feed);
        Assert.Equal(ObjectKeyRouter.CanaryReason, route.IgnoredReason);
    }

    [Fact]
    public void Every_file_in_the_sample_buckets_is_routed_not_ignored()
    {
        var buckets = new Dictionary<string, BucketRole> { ["actant"] = BucketRole.Actant, ["tt"] = BucketRole.Tt, ["trades"] = BucketRole.Trades };
        var count = 0;
        foreach (var (folder, bucket) in buckets)
        {
            var root = RepoPaths.Sample(folder);
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var key = Path.GetRelativePath(root, file).Replace('\\', '/');
                var route = ObjectKeyRouter.Route(bucket, key, Processing);
                Assert.False(route.IsIgnored, $"{folder}/{key}: {route.IgnoredReason}");
                count++;
            }
        }

        Assert.Equal(5, count);
    }

    [Fact]
    public void Market_data_file_name_time_is_utc()
    {
        var route = ObjectKeyRouter.Route(BucketRole.Actant, "market-data/2026/11/20/GE_XCME.ZN_20261120_103938.csv", Processing);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 39, 38, TimeSpan.Zero), route.FileNameTime);
    }

    [Theory]
    [InlineData("market-data/2026/11/20/GE_XCME.ZN.csv")]
    [InlineData("market-data/2026/11/20/GE_XCME.ZN_20261120_253938.csv")]
    [InlineData("market-data/2026/11/20/GE_XCME.ZN_20261120_1039381.csv")]
    public void Market_data_without_a_valid_stamp_has_no_file_name_time(string key) =>
        Assert.Null(ObjectKeyRouter.Route(BucketRole.Actant, key, Processing).FileNameTime);

    [Fact]
    public void Only_market_data_carries_a_file_name_time()
    {
        var route = ObjectKeyRouter.Route(BucketRole.Trades, "trades/2026/11/20/fills_20261120_143000.csv", Processing);
        Assert.Null(route.FileNameTime);
    }

    [Fact]
    public void Folder_date_wins_over_file_name_date()
    {
        var route = ObjectKeyRouter.Route(BucketRole.Actant, "eod/2026/11/19/actant_eod_20261120.csv", Processing);
        Assert.Equal(new DateOnly(2026, 11, 19), route.BusinessDate);
    }

    [Fact]
    public void Without_date_folders_the_file_name_date_is_used()
    {
        var route = ObjectKeyRouter.Route(BucketRole.Actant, "sod/actant_sod_20261118.csv", Processing);
        Assert.Equal((FeedKind.Sod, new DateOnly(2026, 11, 18)), (route.Feed, route.BusinessDate));
    }

    [Theory]
    [InlineData(BucketRole.Tt, "working-orders/orders_snapshot_1795185000.json")]
    [InlineData(BucketRole.Trades, "trades/fills_2026112.csv")]
    [InlineData(BucketRole.Trades, "trades/fills_20261340.csv")]
    public void Without_any_date_the_processing_time_utc_date_is_used(BucketRole bucket, string key)
    {
        var route = ObjectKeyRouter.Route(bucket, key, Processing);
        Assert.False(route.IsIgnored, route.IgnoredReason);
        Assert.Equal(new DateOnly(2026, 11, 20), route.BusinessDate);
    }

    [Theory]
    [InlineData(BucketRole.Actant, "notes/readme.txt", "folder 'notes/' is not a feed of the actant bucket")]
    [InlineData(BucketRole.Actant, "market-data/x.txt", "market-data files are .csv; 'x.txt' is not")]
    [InlineData(BucketRole.Actant, "market-data/2026/11/20/", "key is a folder")]
    [InlineData(BucketRole.Actant, "market-data/2026/11/20/.csv", "'.csv' is a hidden or temporary file")]
    [InlineData(BucketRole.Actant, "trades/2026/11/20/fills.csv", "folder 'trades/' belongs to the trades bucket, not actant")]
    [InlineData(BucketRole.Trades, "market-data/2026/11/20/a.csv", "belongs to the actant bucket, not trades")]
    [InlineData(BucketRole.Tt, "working-orders/2026/11/20/orders.csv", "working-orders files are .json")]
    [InlineData(BucketRole.Actant, "readme.csv", "is not inside a feed folder")]
    [InlineData(BucketRole.Actant, "eod/2026/13/45/actant_eod.csv", "date folder '2026/13/45' is not a real date")]
    public void Keys_that_match_no_pattern_are_ignored_with_a_reason(BucketRole bucket, string key, string reason)
    {
        var route = ObjectKeyRouter.Route(bucket, key, Processing);

        Assert.True(route.IsIgnored);
        Assert.Null(route.Feed);
        Assert.Contains(reason, route.IgnoredReason);
        Assert.Equal(key, route.Key);
        Assert.Equal(new DateOnly(2026, 11, 20), route.BusinessDate);
    }
}
