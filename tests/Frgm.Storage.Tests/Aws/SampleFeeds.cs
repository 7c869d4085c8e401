using System.Security.Cryptography;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.TestSupport;

namespace Frgm.Storage.Tests.Aws;

/// <summary>The shared sample files as domain records (through the real parsers) for the TABLES.md worked example.</summary>
internal static class SampleFeeds
{
    public const string MarketKey = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";
    public const string SodKey = "sod/2026/11/20/actant_sod_20261120.csv";
    public const string EodKey = "eod/2026/11/19/actant_eod_20261119.csv";
    public const string TradesKey = "trades/2026/11/20/fills_20261120_1430.csv";
    public const string OrdersKey = "working-orders/2026/11/20/orders_snapshot_1795185000.json";

    public static string PathOf(BucketRole bucket, string key) => RepoPaths.Sample(Path.Combine(WireNames.Of(bucket), key));

    public static string Sha256(BucketRole bucket, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PathOf(bucket, key))));

    public static List<MarketPrice> Market() =>
        Parse(BucketRole.Actant, MarketKey, s => FeedParsers.MarketData(s, DateTimeOffset.UnixEpoch));

    public static List<SodRow> Sod(DateOnly date) => Parse(BucketRole.Actant, SodKey, s => FeedParsers.Sod(s, date));

    public static List<EodRow> Eod(DateOnly date) => Parse(BucketRole.Actant, EodKey, s => FeedParsers.Eod(s, date));

    public static List<Trade> Trades() => Parse(BucketRole.Trades, TradesKey, s => FeedParsers.Trades(s, TradesKey));

    public static OrderSnapshot Orders()
    {
        using var stream = File.OpenRead(PathOf(BucketRole.Tt, OrdersKey));
        return FeedParsers.WorkingOrders(stream);
    }

    /// <summary>The samples are well formed: any rejected row is a broken sample and fails the test loudly.</summary>
    private static List<T> Parse<T>(BucketRole bucket, string key, Func<Stream, IEnumerable<ParsedRow<T>>> parser)
        where T : class
    {
        using var stream = File.OpenRead(PathOf(bucket, key));
        return [.. parser(stream).Select(r => r.Value ?? throw new InvalidDataException($"{key} {r.ToRowError()}"))];
    }
}
