using System.Text;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>Behaviour every <see cref="IObjectStore"/> must show (folders, S3).</summary>
public abstract class ObjectStoreContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    [Fact]
    public async Task Written_objects_read_back_and_overwrite()
    {
        var objects = (await NewSetAsync()).Objects;
        const string key = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";

        await objects.WriteAsync(BucketRole.Actant, key, Encoding.UTF8.GetBytes("one"), default);
        var first = await ReadAsync(objects, BucketRole.Actant, key);
        await objects.WriteAsync(BucketRole.Actant, key, Encoding.UTF8.GetBytes("two, longer"), default);

        Assert.Equal("one", first);
        Assert.Equal("two, longer", await ReadAsync(objects, BucketRole.Actant, key));
    }

    [Fact]
    public async Task A_missing_object_throws_ObjectNotFoundException()
    {
        var objects = (await NewSetAsync()).Objects;

        await Assert.ThrowsAsync<ObjectNotFoundException>(() => objects.OpenReadAsync(BucketRole.Trades, "trades/2026/11/20/none.csv", default));
    }

    [Fact]
    public async Task Listing_is_per_bucket_and_prefix()
    {
        var objects = (await NewSetAsync()).Objects;
        await objects.WriteAsync(BucketRole.Actant, "sod/2026/11/20/actant_sod_20261120.csv", new byte[] { 1 }, default);
        await objects.WriteAsync(BucketRole.Actant, "eod/2026/11/19/actant_eod_20261119.csv", new byte[] { 2 }, default);
        await objects.WriteAsync(BucketRole.Tt, "working-orders/2026/11/20/orders_snapshot_1795185000.json", new byte[] { 3 }, default);

        var all = await objects.ListAsync(BucketRole.Actant, string.Empty, default).ToListAsync();
        var sod = await objects.ListAsync(BucketRole.Actant, "sod/", default).ToListAsync();

        Assert.Equal(["eod/2026/11/19/actant_eod_20261119.csv", "sod/2026/11/20/actant_sod_20261120.csv"], all.Order(StringComparer.Ordinal));
        Assert.Equal(["sod/2026/11/20/actant_sod_20261120.csv"], sod);
        Assert.Empty(await objects.ListAsync(BucketRole.Trades, string.Empty, default).ToListAsync());
    }

    [Fact]
    public async Task Keys_with_spaces_and_symbols_round_trip()
    {
        var objects = (await NewSetAsync()).Objects;
        const string key = "market-data/2026/11/20/OZN Z6 C112.5+x.csv";

        await objects.WriteAsync(BucketRole.Actant, key, Encoding.UTF8.GetBytes("x"), default);

        Assert.Equal("x", await ReadAsync(objects, BucketRole.Actant, key));
        Assert.Equal([key], await objects.ListAsync(BucketRole.Actant, "market-data/", default).ToListAsync());
    }

    private static async Task<string> ReadAsync(IObjectStore objects, BucketRole bucket, string key)
    {
        await using var stream = await objects.OpenReadAsync(bucket, key, default);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
