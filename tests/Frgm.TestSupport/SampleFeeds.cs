using System.Security.Cryptography;
using System.Text;
using Frgm.Application.Ports;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.TestSupport;

/// <summary>
/// The sample feed files of docs/samples (one desk on 2026-11-20, docs/FORMATS.md), for every test project: as
/// "&lt;role&gt;/&lt;key&gt;" paths, as objects put into a store, as files dropped into a DataDir's bucket folders
/// the way an operator or S3 would, and as domain records through the real parsers.
/// </summary>
public static class SampleFeeds
{
    public const string SampleDate = "2026-11-20";

    public const string EodKey = "eod/2026/11/19/actant_eod_20261119.csv";
    public const string SodKey = "sod/2026/11/20/actant_sod_20261120.csv";
    public const string MarketKey = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";
    public const string TradesKey = "trades/2026/11/20/fills_20261120_1430.csv";
    public const string OrdersKey = "working-orders/2026/11/20/orders_snapshot_1795185000.json";

    public const string Eod = "actant/" + EodKey;
    public const string Sod = "actant/" + SodKey;
    public const string Market = "actant/" + MarketKey;
    public const string Trades = "trades/" + TradesKey;
    public const string Orders = "tt/" + OrdersKey;

    /// <summary>"&lt;role&gt;/&lt;key&gt;" in the order a day delivers them: yesterday's EOD, SOD, prices, fills, TT orders.</summary>
    public static readonly IReadOnlyList<string> All = [Eod, Sod, Market, Trades, Orders];

    public const int FileCount = 5;

    /// <summary>The object keys of the five sample files.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
    {
        EodKey, MarketKey, SodKey, TradesKey, OrdersKey,
    };

    public static string InstrumentsFile => RepoPaths.Sample("instruments.csv");

    public static (BucketRole Bucket, string Key) Locate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return (WireNames.ParseBucketRole(path[..slash]), path[(slash + 1)..]);
    }

    public static byte[] Read(string path) => File.ReadAllBytes(RepoPaths.Sample(path));

    public static string PathOf(BucketRole bucket, string key) => RepoPaths.Sample(Path.Combine(WireNames.Of(bucket), key));

    public static string Sha256(BucketRole bucket, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PathOf(bucket, key))));

    /// <summary>Puts the sample at <paramref name="path"/> ("&lt;role&gt;/&lt;key&gt;"), or <paramref name="content"/> under its key.</summary>
    public static async Task<(BucketRole Bucket, string Key)> PutAsync(IObjectStore objects, string path, string? content = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var (bucket, key) = Locate(path);
        var bytes = content is null ? Read(path) : Encoding.UTF8.GetBytes(content);
        await objects.WriteAsync(bucket, key, bytes, default);
        return (bucket, key);
    }

    /// <summary>samples/&lt;role&gt;/&lt;key&gt; → DataDir/buckets/&lt;role&gt;/&lt;key&gt;, each written as *.tmp and renamed into place.</summary>
    public static void DropAll(string dataDir)
    {
        foreach (var role in new[] { "actant", "trades", "tt" })
        {
            var source = Path.Combine(RepoPaths.Samples, role);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                Drop(dataDir, role, Path.GetRelativePath(source, file).Replace('\\', '/'), File.ReadAllBytes(file));
            }
        }
    }

    public static string Drop(string dataDir, string role, string key, byte[] content)
    {
        var target = Path.Combine(dataDir, "buckets", role, key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, target, overwrite: true);
        return target;
    }

    public static string Drop(string dataDir, string role, string key, string content) =>
        Drop(dataDir, role, key, Encoding.UTF8.GetBytes(content));

    /// <summary>The sample catalog's valid rows (the file is well formed; ReferenceDataTests checks it whole).</summary>
    public static InstrumentCatalog Instruments()
    {
        using var stream = File.OpenRead(InstrumentsFile);
        return new InstrumentCatalog(FeedParsers.Instruments(stream).Where(r => r.IsValid).Select(r => r.Value!).ToList());
    }

    public static List<MarketPrice> ParseMarket() =>
        Parse(BucketRole.Actant, MarketKey, s => FeedParsers.MarketData(s, DateTimeOffset.UnixEpoch));

    public static List<SodRow> ParseSod(DateOnly date) => Parse(BucketRole.Actant, SodKey, s => FeedParsers.Sod(s, date));

    public static List<EodRow> ParseEod(DateOnly date) => Parse(BucketRole.Actant, EodKey, s => FeedParsers.Eod(s, date));

    public static List<Trade> ParseTrades() => Parse(BucketRole.Trades, TradesKey, s => FeedParsers.Trades(s, TradesKey));

    public static OrderSnapshot ParseOrders()
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
