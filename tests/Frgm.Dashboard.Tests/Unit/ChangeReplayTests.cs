using System.Text;
using Frgm.Dashboard.Core;
using Frgm.Dashboard.Streaming;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Dashboard.Tests.Unit;

/// <summary>Issue 14 item 4: SSE events carry ids, and a reconnect with Last-Event-ID gets exactly what it missed.</summary>
public sealed class ChangeReplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    private static ChangeHub NewHub() => new(new NeverFeed(), new ChangeVersion(), NullLogger<ChangeHub>.Instance);

    private static ChangeEvent Change(int i) => new(i % 2 == 0 ? ChangeTopic.Market : ChangeTopic.Positions, T0.AddMilliseconds(i), "detail-" + i);

    [Fact]
    public void Every_event_frame_carries_an_id_derived_from_the_event()
    {
        var frame = Encoding.UTF8.GetString(ServerSentEvents.Format(Change(1)));
        Assert.StartsWith("id: " + ChangeEventIds.Of(Change(1)) + "\nevent: positions\ndata: ", frame, StringComparison.Ordinal);
        // Another task receiving the same message names it the same way.
        Assert.Equal(ChangeEventIds.Of(Change(1)), ChangeEventIds.Of(new ChangeEvent(ChangeTopic.Positions, T0.AddMilliseconds(1), "detail-1")));
        Assert.NotEqual(ChangeEventIds.Of(Change(1)), ChangeEventIds.Of(Change(2)));
    }

    [Fact]
    public void Reconnecting_with_last_event_id_replays_the_missed_events_then_follows_live()
    {
        var hub = NewHub();
        for (var i = 0; i < 10; i++)
        {
            hub.Publish(Change(i));
        }

        using var subscription = hub.Subscribe(ChangeEventIds.Of(Change(6)));
        hub.Publish(Change(10));

        Assert.False(subscription.Missed);
        Assert.Equal(["detail-7", "detail-8", "detail-9", "detail-10"], Drain(subscription));
    }

    [Fact]
    public void An_unknown_or_expired_id_is_reported_as_missed()
    {
        var hub = NewHub();
        for (var i = 0; i < ChangeHub.ReplayCapacity + 5; i++)
        {
            hub.Publish(Change(i));
        }

        using var expired = hub.Subscribe(ChangeEventIds.Of(Change(0)));
        using var unknown = hub.Subscribe("123-0000000000000000");
        using var fresh = hub.Subscribe(null);

        Assert.True(expired.Missed);
        Assert.True(unknown.Missed);
        Assert.False(fresh.Missed);
        Assert.Empty(Drain(fresh));
    }

    private static List<string> Drain(ChangeHub.Subscription subscription)
    {
        var seen = new List<string>();
        while (subscription.Reader.TryRead(out var change))
        {
            seen.Add(change.Detail!);
        }

        return seen;
    }

    private sealed class NeverFeed : IChangeFeed
    {
        public Task PublishAsync(ChangeEvent change, CancellationToken ct) => Task.CompletedTask;

        public async IAsyncEnumerable<ChangeEvent> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            yield break;
        }
    }
}
