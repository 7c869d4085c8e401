using Frgm.Domain.Model;
using Frgm.Storage.Embedded;

namespace Frgm.Storage.Tests.Embedded;

public sealed class FolderObjectStoreTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>
{
    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("market-data/../../x.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.csv")]
    [InlineData("a\\b.csv")]
    public async Task Keys_that_would_leave_the_bucket_are_refused(string key)
    {
        var objects = new FolderObjectStore(Path.Combine(fixture.NewDataDir(), "buckets"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => objects.WriteAsync(BucketRole.Actant, key, new byte[] { 1 }, default));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_in_progress_are_not_listed()
    {
        var root = Path.Combine(fixture.NewDataDir(), "buckets");
        var objects = new FolderObjectStore(root);
        var folder = Path.Combine(root, "trades", "trades", "2026", "11", "20");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ".hidden.csv"), "x");
        await File.WriteAllTextAsync(Path.Combine(folder, "upload.csv.part"), "x");
        await File.WriteAllTextAsync(Path.Combine(folder, "upload.csv.tmp"), "x");
        await File.WriteAllTextAsync(Path.Combine(folder, "fills.csv"), "x");

        var keys = new List<string>();
        await foreach (var key in objects.ListAsync(BucketRole.Trades, string.Empty, default))
        {
            keys.Add(key);
        }

        Assert.Equal(["trades/2026/11/20/fills.csv"], keys);
    }
}
