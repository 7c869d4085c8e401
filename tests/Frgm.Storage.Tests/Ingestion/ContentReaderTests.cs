using System.Security.Cryptography;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Storage.Tests.Embedded;

namespace Frgm.Storage.Tests.Ingestion;

public sealed class ContentReaderTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>
{
    [Theory]
    [InlineData(1_000, 4_096)]
    [InlineData(100_000, 4_096)]
    public async Task Content_and_hash_are_exact_whether_kept_in_memory_or_spilled_to_a_temp_file(int size, int limit)
    {
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        await storage.Objects.WriteAsync(BucketRole.Actant, "market-data/2026/11/20/x.csv", bytes, default);

        var (content, sha256) = await ContentReader.ReadAsync(storage.Objects, BucketRole.Actant, "market-data/2026/11/20/x.csv", default, limit);
        await using (content)
        {
            Assert.Equal(size > limit, content is FileStream);
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha256);
        }
    }

    // Issue 11 item 2: a process killed while holding a spill file cannot delete it; the next start must, without
    // touching a spill file a live ingestion still holds.
    [Fact]
    public async Task Stale_spill_files_are_removed_at_start_and_live_ones_are_kept()
    {
        var folder = Path.Combine(fixture.NewDataDir(), "spill");
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());
        await storage.Objects.WriteAsync(BucketRole.Actant, "sod/2026/11/20/big.csv", new byte[50_000], default);
        Directory.CreateDirectory(folder);
        var stale = Path.Combine(folder, SpillFiles.Prefix + "left-by-a-killed-process");
        await File.WriteAllBytesAsync(stale, new byte[10_000]);
        var unrelated = Path.Combine(folder, "someone-else.bin");
        await File.WriteAllBytesAsync(unrelated, [1]);

        var (live, _) = await ContentReader.ReadAsync(storage.Objects, BucketRole.Actant, "sod/2026/11/20/big.csv", default, 1_024, spillFolder: folder);
        await using (live)
        {
            var livePath = Assert.IsType<FileStream>(live).Name;
            Assert.StartsWith(folder, livePath, StringComparison.Ordinal);

            var removed = SpillFiles.CleanStale(folder);

            Assert.Equal(1, removed);
            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(livePath));
            Assert.True(File.Exists(unrelated));
            Assert.Equal(50_000, live.Length);
        }
    }

    [Fact]
    public async Task Reading_stops_at_the_size_limit_without_spilling_further()
    {
        var folder = Path.Combine(fixture.NewDataDir(), "spill");
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());
        await storage.Objects.WriteAsync(BucketRole.Actant, "sod/2026/11/20/big.csv", new byte[300_000], default);

        var ex = await Assert.ThrowsAsync<ObjectTooLargeException>(
            () => ContentReader.ReadAsync(storage.Objects, BucketRole.Actant, "sod/2026/11/20/big.csv", default, 1_024, maxBytes: 200_000, spillFolder: folder));

        Assert.Equal(200_000, ex.Limit);
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
    }

    [Fact]
    public async Task The_spill_file_is_deleted_when_the_content_is_disposed()
    {
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());
        await storage.Objects.WriteAsync(BucketRole.Actant, "sod/2026/11/20/big.csv", new byte[50_000], default);

        var (content, _) = await ContentReader.ReadAsync(storage.Objects, BucketRole.Actant, "sod/2026/11/20/big.csv", default, 1_024);
        var path = Assert.IsType<FileStream>(content).Name;
        Assert.True(File.Exists(path));
        await content.DisposeAsync();
        Assert.False(File.Exists(path));
    }
}
