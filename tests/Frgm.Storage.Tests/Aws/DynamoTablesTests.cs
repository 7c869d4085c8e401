using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Frgm.Storage.Aws;

namespace Frgm.Storage.Tests.Aws;

[Collection(DynamoCollection.Name)]
[Trait("Needs", "servers")]
public sealed class DynamoTablesTests(DynamoFixture dynamo)
{
    [Fact]
    public async Task Creates_the_three_tables_with_the_fixed_shape()
    {
        var settings = await dynamo.NewTablesAsync();
        foreach (var (table, stream) in new[] { (settings.HistoryTable, false), (settings.AlarmsTable, true), (settings.LedgerTable, false) })
        {
            var t = (await dynamo.Client.DescribeTableAsync(table)).Table;
            Assert.Equal(TableStatus.ACTIVE, t.TableStatus);
            Assert.Equal(BillingMode.PAY_PER_REQUEST, t.BillingModeSummary?.BillingMode ?? BillingMode.PAY_PER_REQUEST);
            Assert.Equal(["pk:HASH", "sk:RANGE"], t.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType}"));
            Assert.All(t.AttributeDefinitions, a => Assert.Equal(ScalarAttributeType.S, a.AttributeType));
            var gsi = Assert.Single(t.GlobalSecondaryIndexes);
            Assert.Equal("gsi1", gsi.IndexName);
            Assert.Equal(["gsi1pk:HASH", "gsi1sk:RANGE"], gsi.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType}"));
            Assert.Equal(ProjectionType.ALL, gsi.Projection.ProjectionType);
            if (stream)
            {
                Assert.True(t.StreamSpecification?.StreamEnabled);
                Assert.Equal(StreamViewType.NEW_AND_OLD_IMAGES, t.StreamSpecification!.StreamViewType);
            }
            else
            {
                Assert.NotEqual(true, t.StreamSpecification?.StreamEnabled);
            }
        }

        var ttl = await dynamo.Client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = settings.HistoryTable });
        Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveDescription.TimeToLiveStatus);
        Assert.Equal("expires_at", ttl.TimeToLiveDescription.AttributeName);
    }

    [Fact]
    public async Task Creating_again_is_a_no_op()
    {
        var settings = await dynamo.NewTablesAsync();
        await DynamoTables.CreateAllAsync(dynamo.Client, settings);
        Assert.Equal(TableStatus.ACTIVE, (await dynamo.Client.DescribeTableAsync(settings.LedgerTable)).Table.TableStatus);
    }
}
