using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>Behaviour every <see cref="IChangeFeed"/> must show: every subscriber gets what is published after it subscribed.</summary>
public abstract class ChangeFeedContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    [Fact]
    public async Task Every_subscriber_receives_each_change_in_order()
    {
        var changes = (await NewSetAsync()).Changes;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = changes.SubscribeAsync(timeout.Token);
        var second = changes.SubscribeAsync(timeout.Token);
        var readFirst = TakeAsync(first, Count);
        var readSecond = TakeAsync(second, Count);
        await Task.Delay(200);

        // Enough changes that one repeated, lost or out of order shows, on every store and on the cluster.
        var topics = new[] { ChangeTopic.Files, ChangeTopic.Positions, ChangeTopic.Alarms };
        for (var i = 0; i < Count; i++)
        {
            await changes.PublishAsync(new ChangeEvent(topics[i % topics.Length], T0, "detail-" + i), default);
        }

        var expected = Enumerable.Range(0, Count).Select(i => "detail-" + i).ToArray();
        Assert.Equal(expected, (await readFirst).Select(c => c.Detail));
        var got = await readSecond;
        Assert.Equal(expected, got.Select(c => c.Detail));
        Assert.Equal([ChangeTopic.Files, ChangeTopic.Positions, ChangeTopic.Alarms], got.Take(3).Select(c => c.Topic));
    }

    private const int Count = 200;

    private static async Task<List<ChangeEvent>> TakeAsync(IAsyncEnumerable<ChangeEvent> source, int count)
    {
        var list = new List<ChangeEvent>();
        await foreach (var change in source)
        {
            list.Add(change);
            if (list.Count == count)
            {
                break;
            }
        }

        return list;
    }
}
