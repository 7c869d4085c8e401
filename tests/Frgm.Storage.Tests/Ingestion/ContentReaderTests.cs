using System.Security.Cryptography;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Storage.Ingestion;
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
