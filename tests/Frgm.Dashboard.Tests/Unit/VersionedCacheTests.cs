using Frgm.Dashboard.Core;

namespace Frgm.Dashboard.Tests.Unit;

public sealed class VersionedCacheTests
{
    [Fact]
    public async Task Serves_the_cached_value_until_the_next_change_event()
    {
        var version = new ChangeVersion();
        var cache = new VersionedCache<string, int>(version, TimeProvider.System, TimeSpan.FromHours(1), 10);
        var loads = 0;
        Task<int> Load(string _) => Task.FromResult(++loads);

        Assert.Equal(1, await cache.GetAsync("k", Load));
        Assert.Equal(1, await cache.GetAsync("k", Load));
        version.Bump();
        Assert.Equal(2, await cache.GetAsync("k", Load));
        Assert.Equal(3, await cache.GetAsync("other", Load));
    }

    [Fact]
    public async Task Never_keeps_a_failed_load()
    {
        var cache = new VersionedCache<string, int>(new ChangeVersion(), TimeProvider.System, TimeSpan.FromHours(1), 10);
        await Assert.ThrowsAsync<IOException>(() => cache.GetAsync("k", _ => Task.FromException<int>(new IOException("store down"))));
        Assert.Equal(7, await cache.GetAsync("k", _ => Task.FromResult(7)));
    }

    [Fact]
    public async Task Expires_entries_after_the_maximum_age()
    {
        var clock = new FakeTimeProvider();
        var cache = new VersionedCache<string, int>(new ChangeVersion(), clock, TimeSpan.FromSeconds(5), 10);
        var loads = 0;
        Task<int> Load(string _) => Task.FromResult(++loads);
        Assert.Equal(1, await cache.GetAsync("k", Load));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, await cache.GetAsync("k", Load));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await cache.GetAsync("k", Load));
    }
}
