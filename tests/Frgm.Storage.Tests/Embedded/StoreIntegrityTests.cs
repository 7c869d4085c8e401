using Frgm.Storage.Embedded;

namespace Frgm.Storage.Tests.Embedded;

/// <summary>An unusable frgm.db is refused by name and left as it is, never silently replaced by a new empty database.</summary>
public sealed class StoreIntegrityTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>
{
    [Fact]
    public void An_empty_database_file_is_a_named_error_and_stays_untouched()
    {
        var dir = fixture.NewDataDir();
        var path = Path.Combine(dir, EmbeddedStorage.DatabaseFileName);
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<StoreIntegrityException>(() => EmbeddedStorage.Create(dir));

        Assert.Equal(path, error.DatabasePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Problem, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("short")]
    public void A_file_that_is_not_sqlite_is_a_named_error_and_stays_untouched(string kind)
    {
        var dir = fixture.NewDataDir();
        var path = Path.Combine(dir, EmbeddedStorage.DatabaseFileName);
        var content = kind == "short" ? "SQLite"u8.ToArray() : System.Text.Encoding.ASCII.GetBytes(new string('x', 8192));
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<StoreIntegrityException>(() => EmbeddedStorage.Create(dir));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Problem, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_with_the_header_but_damaged_pages_is_a_named_error()
    {
        var dir = fixture.NewDataDir();
        var path = Path.Combine(dir, EmbeddedStorage.DatabaseFileName);
        var content = new byte[8192];
        "SQLite format 3\0"u8.CopyTo(content);
        Array.Fill(content, (byte)0xA5, 16, content.Length - 16);
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<StoreIntegrityException>(() => EmbeddedStorage.Create(dir));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_first_start_and_a_healthy_one_reopens()
    {
        var dir = fixture.NewDataDir();
        var first = EmbeddedStorage.Create(dir);
        await first.Latest.SetFeedTimestampAsync("sod", DateTimeOffset.UnixEpoch, default);
        EmbeddedStorage.ReleaseConnections();

        var again = EmbeddedStorage.Create(dir);

        Assert.Equal(DateTimeOffset.UnixEpoch, (await again.Latest.GetFeedTimestampsAsync(default))["sod"]);
    }
}
