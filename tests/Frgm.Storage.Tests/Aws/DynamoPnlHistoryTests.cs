using Amazon.DynamoDBv2.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Aws;

/// <summary>The PNL# items of TABLES.md on DynamoDB Local: keys, attributes and the TTL.</summary>
[Collection(DynamoCollection.Name)]
[Trait("Needs", "servers")]
public sealed class DynamoPnlHistoryTests(DynamoFixture dynamo)
{
    [Fact]
    public async Task A_point_is_one_item_per_account_and_minute_that_expires_after_the_retention()
    {
        var settings = await dynamo.NewTablesAsync();
        var store = new DynamoPnlHistoryStore(dynamo.Client, settings);
        var at = new DateTimeOffset(2026, 11, 20, 14, 30, 42, 250, TimeSpan.Zero);

        await store.RecordAsync(new DateOnly(2026, 11, 20), [new("MM1", -2578.125m)], at, default);

        var ttl = await dynamo.Client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = settings.HistoryTable });
        Assert.Equal("ENABLED", ttl.TimeToLiveDescription.TimeToLiveStatus.Value);
        var item = (await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = settings.HistoryTable,
            Key = new() { ["pk"] = new AttributeValue("PNL#2026-11-20#MM1"), ["sk"] = new AttributeValue("2026-11-20T14:30Z") },
            ConsistentRead = true,
        })).Item;
        Assert.Equal("PNL_POINT", item["type"].S);
        Assert.Equal("2026-11-20T14:30:42.2500000Z", item["at"].S);
        Assert.Equal("-2578.125", item["day_pnl"].N);
        Assert.Equal((at + IPnlHistoryStore.Retention).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item[ttl.TimeToLiveDescription.AttributeName].N);
    }
}
