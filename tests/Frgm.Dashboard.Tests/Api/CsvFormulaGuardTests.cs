using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>Text from a feed that a spreadsheet would run as a formula is defused in CSV; numbers stay numbers.</summary>
public sealed class CsvFormulaGuardTests : IClassFixture<CsvFormulaGuardTests.HostileTradesFactory>
{
    private readonly HostileTradesFactory _app;

    public CsvFormulaGuardTests(HostileTradesFactory app) => _app = app;

    [Fact]
    public async Task Formula_like_cells_get_an_apostrophe_and_negative_numbers_are_left_alone()
    {
        var rows = CsvText.Parse(await _app.Api.GetStringAsync("/api/blotter?format=csv&ticker=ZNZ6"));
        var header = rows[0];
        var hostile = rows.Single(r => r[header.IndexOf("trade_id")] == "T-9001");

        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", hostile[header.IndexOf("trader")]);
        Assert.Equal("'@SUM(1+1)", hostile[header.IndexOf("order_id")]);
        var json = await _app.GetJsonAsync("/api/blotter?ticker=ZNZ6");
        Assert.Contains(json.GetProperty("trades").EnumerateArray(), t => t.GetProperty("trader").GetString() == "=HYPERLINK(\"http://evil.example\",\"x\")");

        var positions = CsvText.Parse(await _app.Api.GetStringAsync("/api/positions?format=csv&account_id=MM1&ticker=ZNZ6"));
        var dayPnl = positions[1][positions[0].IndexOf("day_pnl")];
        Assert.StartsWith("-", dayPnl, StringComparison.Ordinal);
        Assert.True(decimal.TryParse(dayPnl, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _), dayPnl);
    }

    /// <summary>The samples plus one trades file whose trader and order id are spreadsheet formulas.</summary>
    public sealed class HostileTradesFactory : DashboardApiFactory
    {
        private const string Key = "trades/2026/11/20/fills_20261120_1500.csv";

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            SampleFeeds.Drop(DataDir, "trades", Key,
                "trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time,order_id,trader\n" +
                "T-9001,2026-11-20,MM1,ZNZ6,BUY,1,112.40625,2026-11-20T15:00:00Z,@SUM(1+1),\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\n");
            await Poll.UntilAsync(
                async () => (await Api.GetStringAsync("/api/blotter")).Contains("T-9001", StringComparison.Ordinal),
                "the hostile trade to be ingested");
        }
    }
}
