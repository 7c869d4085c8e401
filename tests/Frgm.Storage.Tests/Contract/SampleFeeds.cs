using System.Text;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Frgm.TestSupport;

namespace Frgm.Storage.Tests.Contract;

/// <summary>The sample feed files (docs/samples) as objects: "&lt;role&gt;/&lt;key&gt;" paths.</summary>
public static class SampleFeeds
{
    public const string Eod = "actant/eod/2026/11/19/actant_eod_20261119.csv";
    public const string Sod = "actant/sod/2026/11/20/actant_sod_20261120.csv";
    public const string Market = "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";
    public const string Trades = "trades/trades/2026/11/20/fills_20261120_1430.csv";
    public const string Orders = "tt/working-orders/2026/11/20/orders_snapshot_1795185000.json";

    /// <summary>In the order a day delivers them: yesterday's EOD, SOD, prices, fills, TT orders.</summary>
    public static readonly IReadOnlyList<string> All = [Eod, Sod, Market, Trades, Orders];

    public static (BucketRole Bucket, string Key) Locate(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return (WireNames.ParseBucketRole(path[..slash]), path[(slash + 1)..]);
    }

    public static byte[] Read(string path) => File.ReadAllBytes(RepoPaths.Sample(path));

    public static async Task<(BucketRole Bucket, string Key)> PutAsync(IObjectStore objects, string path, string? content = null)
    {
        var (bucket, key) = Locate(path);
        var bytes = content is null ? Read(path) : Encoding.UTF8.GetBytes(content);
        await objects.WriteAsync(bucket, key, bytes, default);
        return (bucket, key);
    }

    public static InstrumentCatalog Instruments()
    {
        using var stream = File.OpenRead(RepoPaths.Sample("instruments.csv"));
        return new InstrumentCatalog(FeedParsers.Instruments(stream).Where(r => r.IsValid).Select(r => r.Value!).ToList());
    }
}
