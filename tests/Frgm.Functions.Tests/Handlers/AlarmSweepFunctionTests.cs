using Frgm.Domain.Model;
using Frgm.Functions.Handlers;
using Frgm.Functions.Tests.Fakes;
using static Frgm.Functions.Tests.Fakes.AlarmStreamEvents;

namespace Frgm.Functions.Tests.Handlers;

public sealed class AlarmSweepFunctionTests : IDisposable
{
    private readonly InstantClock _clock = new(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero));
    private readonly CapturedOutput _output;
    private readonly EmbeddedFunctionStorage _store;

    public AlarmSweepFunctionTests()
    {
        _output = new CapturedOutput("test", _clock);
        _store = new EmbeddedFunctionStorage(_clock, _output);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Reports_feed_ages_and_raises_TT_FEED_STALE_for_an_old_poll()
    {
        var now = _clock.GetUtcNow();
        await _store.Storage.Latest.SetFeedTimestampAsync("market-data", now.AddSeconds(-12), default);
        await _store.Storage.Latest.SetFeedTimestampAsync("tt-poll", now.AddSeconds(-600), default);
        var function = new AlarmSweepFunction(_store.Ingestion, _store.Storage.Latest, _output.Metrics, _clock, _output.Loggers);

        await using var result = await function.HandleAsync(Stream(AwsEvents.Scheduled("2026-11-20T14:30:00Z")));
        var response = ReadResponse(result);

        var ages = response.GetProperty("feed_age_seconds");
        Assert.Equal(12, ages.GetProperty("market-data").GetDouble());
        Assert.Equal(600, ages.GetProperty("tt-poll").GetDouble());
        Assert.False(ages.TryGetProperty("trades", out _));
        Assert.Equal(
            new Dictionary<string, double> { ["market-data"] = 12, ["tt-poll"] = 600 },
            _output.Metric("FeedAgeSeconds").ToDictionary(m => m.Dimensions["Feed"], m => m.Value));
        Assert.True(response.GetProperty("changed_alarms").GetInt32() >= 1);
        var open = await _store.Storage.Alarms.GetOpenAsync(default);
        Assert.Contains(open, a => a.Type == AlarmType.TtFeedStale);
    }
}
