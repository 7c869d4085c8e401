using System.Text;
using Amazon.S3;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ports;
using Frgm.TestSupport;

namespace Frgm.Storage.Tests.Aws;

public sealed class S3Fixture : IAsyncLifetime
{
    public S3rver Server { get; } = new();

    public AwsSettings Settings { get; private set; } = null!;

    public AmazonS3Client Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Settings = new AwsSettings { S3ServiceUrl = Server.ServiceUrl, ActantBucket = "actant-t", TtBucket = "tt-t", TradesBucket = "trades-t" };
        Client = AwsClientFactory.CreateS3(Settings);
        await S3Buckets.CreateAllAsync(Client, Settings);
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        Server.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class S3ObjectStoreTests(S3Fixture s3) : IClassFixture<S3Fixture>
{
    private S3ObjectStore Store(int pageSize = 1000) => new(s3.Client, s3.Settings, pageSize);

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task Writes_and_reads_back_the_exact_bytes()
    {
        var content = Encoding.UTF8.GetBytes("\uFEFFinstrument,price\r\nZNZ6,112.421875\r\n" + new string('x', 70_000));

        await Store().WriteAsync(BucketRole.Actant, "market-data/2026/11/20/exact.csv", content, CancellationToken.None);

        Assert.Equal(content, await ReadAllAsync(await Store().OpenReadAsync(BucketRole.Actant, "market-data/2026/11/20/exact.csv", CancellationToken.None)));
    }

    [Fact]
    public async Task Keys_with_spaces_and_plus_signs_round_trip_and_list_as_written()
    {
        string[] keys = ["trades/2026/11/20/fills 14+30.csv", "trades/2026/11/20/a+b c.csv", "trades/2026/11/20/OZN Z6 C112.5.csv"];
        foreach (var key in keys)
        {
            await Store().WriteAsync(BucketRole.Trades, key, Encoding.UTF8.GetBytes(key), CancellationToken.None);
        }

        foreach (var key in keys)
        {
            Assert.Equal(key, Encoding.UTF8.GetString(await ReadAllAsync(await Store().OpenReadAsync(BucketRole.Trades, key, CancellationToken.None))));
        }

        var listed = await Store().ListAsync(BucketRole.Trades, "trades/2026/11/20/", CancellationToken.None).ToListAsync();
        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_object_is_ObjectNotFoundException()
    {
        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store().OpenReadAsync(BucketRole.Tt, "working-orders/none.json", CancellationToken.None));

        Assert.Contains("s3://tt-t/working-orders/none.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_follows_continuation_pages_and_honours_the_prefix()
    {
        for (var i = 0; i < 8; i++)
        {
            await Store().WriteAsync(BucketRole.Tt, $"working-orders/2026/11/21/orders_snapshot_{i}.json", "{}"u8.ToArray(), CancellationToken.None);
        }

        await Store().WriteAsync(BucketRole.Tt, "other/x.json", "{}"u8.ToArray(), CancellationToken.None);

        var listed = await Store(pageSize: 3).ListAsync(BucketRole.Tt, "working-orders/2026/11/21/", CancellationToken.None).ToListAsync();
        var everything = await Store(pageSize: 3).ListAsync(BucketRole.Tt, "", CancellationToken.None).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"working-orders/2026/11/21/orders_snapshot_{i}.json"), listed.Order(StringComparer.Ordinal));
        Assert.Contains("other/x.json", everything);
        Assert.Equal(everything.Count, everything.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Probe_passes_with_the_buckets_and_names_a_missing_one()
    {
        await new S3StoreProbe(s3.Client, s3.Settings).PingAsync(CancellationToken.None);

        var missing = new AwsSettings { S3ServiceUrl = s3.Server.ServiceUrl, ActantBucket = "actant-t", TtBucket = "no-such-bucket", TradesBucket = "trades-t" };
        var error = await Assert.ThrowsAsync<AwsStoreException>(() => new S3StoreProbe(s3.Client, missing).PingAsync(CancellationToken.None));

        Assert.StartsWith($"s3 bucket no-such-bucket at {s3.Server.ServiceUrl} failed: NoSuchBucket", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Its own s3rver, because it kills it.</summary>
public sealed class S3FaultTests : IDisposable
{
    private readonly S3rver _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task An_unreachable_s3_fails_with_a_message_naming_bucket_key_and_endpoint()
    {
        var settings = new AwsSettings { S3ServiceUrl = _server.ServiceUrl, ActantBucket = "a-f", TtBucket = "t-f", TradesBucket = "r-f" };
        using var client = AwsClientFactory.CreateS3(settings, maxErrorRetry: 0);
        await S3Buckets.CreateAllAsync(client, settings);
        var store = new S3ObjectStore(client, settings);
        await store.WriteAsync(BucketRole.Actant, "eod/x.csv", "a"u8.ToArray(), CancellationToken.None);

        _server.Kill();
        var error = await Assert.ThrowsAsync<AwsStoreException>(() => store.OpenReadAsync(BucketRole.Actant, "eod/x.csv", CancellationToken.None));
        _server.Restart();

        Assert.StartsWith($"s3 s3://a-f/eod/x.csv at {_server.ServiceUrl} failed:", error.Message, StringComparison.Ordinal);
        await using var after = await store.OpenReadAsync(BucketRole.Actant, "eod/x.csv", CancellationToken.None);
        Assert.Equal('a', after.ReadByte());
    }
}
