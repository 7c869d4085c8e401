using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws;

/// <summary>
/// <see cref="IPnlHistoryStore"/> on the history table (TABLES.md): <c>PNL#&lt;date&gt;#&lt;account&gt;</c> /
/// <c>&lt;UTC minute&gt;</c>, one conditional PutItem per account (<c>attribute_not_exists(pk) OR at &lt;= :at</c>, so an
/// older recompute never overwrites a newer point of the same minute), <c>expires_at</c> = at + retention (TTL).
/// </summary>
public sealed class DynamoPnlHistoryStore : IPnlHistoryStore
{
    private readonly DynamoTable _table;

    public DynamoPnlHistoryStore(IAmazonDynamoDB client, AwsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _table = new DynamoTable(client, settings.HistoryTable, AwsClientFactory.DynamoDbEndpoint(settings));
    }

    public Task RecordAsync(DateOnly date, IReadOnlyList<AccountDayPnl> accounts, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var minute = HistoryKeys.BarSort(IPnlHistoryStore.MinuteOf(at));
        var expiresAt = (at + IPnlHistoryStore.Retention).ToUnixTimeSeconds();
        return Parallel.ForEachAsync(
            accounts,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (account, token) => await _table.TryPutAsync(
                new PutItemRequest
                {
                    Item = new Dictionary<string, AttributeValue>
                    {
                        [TableShape.PartitionKey] = AttributeValues.S(HistoryKeys.PnlPartition(date, account.AccountId)),
                        [TableShape.SortKey] = AttributeValues.S(minute),
                        ["type"] = AttributeValues.S("PNL_POINT"),
                        ["business_date"] = AttributeValues.S(AttributeValues.Format(date)),
                        ["account_id"] = AttributeValues.S(account.AccountId),
                        ["at"] = AttributeValues.Time(at),
                        ["day_pnl"] = AttributeValues.N(account.DayPnl),
                        [TableShape.ExpiresAt] = AttributeValues.N(expiresAt),
                    },
                    ConditionExpression = "attribute_not_exists(pk) OR #at <= :at",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#at"] = "at" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":at"] = AttributeValues.Time(at) },
                },
                token));
    }

    public async Task<IReadOnlyList<PnlPoint>> GetAsync(string accountId, DateOnly date, CancellationToken ct)
    {
        var items = await _table.QueryPartitionAsync(HistoryKeys.PnlPartition(date, accountId), null, ct);
        return items.Select(i => new PnlPoint(i.GetTime("at"), i.GetDecimal("day_pnl"))).ToList();
    }
}
