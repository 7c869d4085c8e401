using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.TestSupport;

namespace Frgm.Storage.Tests.Aws;

/// <summary>Keeps TABLES.md honest: its worked example must be exactly what the stores write for the sample files.</summary>
[Collection(DynamoCollection.Name)]
[Trait("Needs", "servers")]
public sealed class TablesDocumentTests(DynamoFixture dynamo)
{
    [Fact]
    public async Task The_worked_example_lists_every_item_the_sample_files_produce()
    {
        var settings = await dynamo.NewTablesAsync();
        var history = new DynamoHistoryStore(dynamo.Client, settings);
        var ledger = new DynamoFileLedger(dynamo.Client, settings);
        var date = new DateOnly(2026, 11, 20);
        var ct = CancellationToken.None;

        await history.WriteMarketBarsAsync(SampleFeeds.ParseMarket(), ct);
        await history.UpsertDayPricesAsync(date, SampleFeeds.ParseMarket(), ct);
        await history.ReplaceSodAccountsAsync(date, SampleFeeds.ParseSod(date), ct);
        await history.PutEodAsync(date.AddDays(-1), SampleFeeds.ParseEod(date.AddDays(-1)), ct);
        var trades = SampleFeeds.ParseTrades();
        Assert.Equal(4, (await history.PutTradesAsync(trades, ct)).Written);
        var version = await history.BumpFactsVersionAsync(date, ct);
        await history.PutPositionsAsync(
            date,
            [.. new[] { ("MM1", "ZNZ6", -30L), ("MM1", "OZN Z6 C112.5", 100L), ("MM1", "OZN Z6 P110", -60L), ("HEDGE", "ESZ6", 2L) }
                .Select(p => new Position(date, p.Item1, p.Item2, 0, null, p.Item3, null, null, null, null, null, 0, 0, 0, 0, DateTimeOffset.UtcNow))],
            version,
            ct);
        await history.PutOrderSnapshotAsync(SampleFeeds.ParseOrders(), ct);
        foreach (var (bucket, key, rows) in new[]
        {
            (BucketRole.Actant, SampleFeeds.MarketKey, 6), (BucketRole.Actant, SampleFeeds.SodKey, 4), (BucketRole.Actant, SampleFeeds.EodKey, 4),
            (BucketRole.Trades, SampleFeeds.TradesKey, 4), (BucketRole.Tt, SampleFeeds.OrdersKey, 3),
        })
        {
            var sha = SampleFeeds.Sha256(bucket, key);
            var claim = await ledger.TryClaimAsync(bucket, key, sha, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), ct);
            await ledger.RecordAsync(
                new LedgerEntry(bucket, key, sha, null, FileStatus.Completed, rows, 0, [], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, claim.Attempt),
                ct);
        }

        var actual = (await ScanAsync("history", settings.HistoryTable)).Concat(await ScanAsync("ledger", settings.LedgerTable)).ToList();
        var documented = DocumentedItems();

        Assert.Empty(await ScanAsync("alarms", settings.AlarmsTable));
        Assert.Equal(documented.Count, actual.Count);
        foreach (var pattern in documented)
        {
            Assert.True(actual.Count(a => pattern.IsMatch(a)) == 1, $"TABLES.md row {pattern} matches {actual.Count(a => pattern.IsMatch(a))} stored items");
        }
    }

    private async Task<List<string>> ScanAsync(string label, string table)
    {
        var rows = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.Client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start });
            rows.AddRange((page.Items ?? []).Select(i =>
                string.Join('|', label, i["pk"].S, i["sk"].S, i.GetValueOrDefault("gsi1pk")?.S ?? "", i.GetValueOrDefault("gsi1sk")?.S ?? "")));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return rows;
    }

    /// <summary>"table|pk|sk|gsi1pk|gsi1sk" patterns from the table between the worked-example markers; &lt;x&gt; matches anything.</summary>
    private static List<Regex> DocumentedItems()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "lambdas", "Frgm.Storage.Aws", "TABLES.md"));
        var begin = text.IndexOf("<!-- worked-example:begin -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- worked-example:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "TABLES.md lost its worked-example markers");
        return [.. text[begin..end].Split('\n')
            .Where(l => l.StartsWith("| history", StringComparison.Ordinal) || l.StartsWith("| ledger", StringComparison.Ordinal))
            .Select(l => l.Split('|').Skip(1).Take(5).Select(c => c.Trim().Trim('`')).ToArray())
            .Select(cells => new Regex(
                "^" + string.Join(Regex.Escape("|"), cells.Select(c => Regex.Replace(Regex.Escape(c), "<[a-z_]+>", ".+"))) + "$",
                RegexOptions.CultureInvariant))];
    }
}
