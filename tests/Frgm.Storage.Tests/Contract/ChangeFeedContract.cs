using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>Behaviour every <see cref="IChangeFeed"/> must show: every subscriber gets what is published after it subscribed.</summary>
public abstract class ChangeFeedContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    [Fact]
    public async Task Every_subscriber_receives_each_change_in_order()
    {
        var changes = (await NewSetAsync()).Changes;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var first = changes.SubscribeAsync(timeout.Token);
        var second = changes.SubscribeAsync(timeout.Token);
        var readFirst = TakeAsync(first, 3);
        var readSecond = TakeAsync(second, 3);
        await Task.Delay(200);

        foreach (var topic in new[] { ChangeTopic.Files, ChangeTopic.Positions, ChangeTopic.Alarms })
        {
            await changes.PublishAsync(new ChangeEvent(topic, T0, "detail-" + topic.WireName()), default);
        }

        Assert.Equal([ChangeTopic.Files, ChangeTopic.Positions, ChangeTopic.Alarms], (await readFirst).Select(c => c.Topic));
        var got = await readSecond;
        Assert.Equal([ChangeTopic.Files, ChangeTopic.Positions, ChangeTopic.Alarms], got.Select(c => c.Topic));
        Assert.Equal("detail-positions", got[1].Detail);
    }

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
