using System.Globalization;
using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>Every read route and filter of API.md over the ingested samples.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiReadTests
{
    private readonly DashboardApiFactory _app;

    public ApiReadTests(DashboardApiFactory app) => _app = app;

    [Fact]
    public async Task Positions_default_to_the_latest_business_date_with_the_sample_numbers()
    {
        var body = await _app.GetJsonAsync("/api/positions");
        Assert.Equal(SampleFeeds.SampleDate, body.GetProperty("date").GetString());
        var positions = body.GetProperty("positions").EnumerateArray().ToList();
        Assert.Equal(4, positions.Count);
        var zn = positions.Single(p => p.GetProperty("account_id").GetString() == "MM1" && p.GetProperty("ticker").GetString() == "ZNZ6");
        Assert.Equal(-40, zn.GetProperty("sod_qty").GetInt64());
        Assert.Equal(112.34375m, zn.GetProperty("sod_price").GetDecimal());
        Assert.Equal(-30, zn.GetProperty("net_qty").GetInt64());
        Assert.Equal(112.359375m, zn.GetProperty("avg_price").GetDecimal());
        Assert.Equal(112.421875m, zn.GetProperty("mark_price").GetDecimal());
        Assert.Equal(-703.125m, zn.GetProperty("realized_pnl").GetDecimal());
        Assert.Equal(-1875m, zn.GetProperty("unrealized_pnl").GetDecimal());
        Assert.Equal(-2578.125m, zn.GetProperty("day_pnl").GetDecimal());
        Assert.Equal(-30m, zn.GetProperty("delta").GetDecimal());
        foreach (var name in new[] { "gamma", "vega", "theta" })
        {
            Assert.Equal(JsonValueKind.Number, zn.GetProperty(name).ValueKind);
        }

        AssertUtc(zn.GetProperty("updated_at"));
    }

    [Fact]
    public async Task Positions_filter_by_account_ticker_and_date()
    {
        var hedge = await _app.GetJsonAsync("/api/positions?account_id=HEDGE");
        var rows = hedge.GetProperty("positions").EnumerateArray().ToList();
        Assert.Single(rows);
        Assert.Equal("ESZ6", rows[0].GetProperty("ticker").GetString());
        Assert.Equal(2, rows[0].GetProperty("net_qty").GetInt64());

        var option = await _app.GetJsonAsync("/api/positions?ticker=" + Uri.EscapeDataString("OZN Z6 C112.5"));
        var optionRow = Assert.Single(option.GetProperty("positions").EnumerateArray());
        Assert.Equal(100, optionRow.GetProperty("net_qty").GetInt64());

        var both = await _app.GetJsonAsync("/api/positions?account_id=MM1&ticker=ESZ6");
        Assert.Empty(both.GetProperty("positions").EnumerateArray());

        var otherDay = await _app.GetJsonAsync("/api/positions?date=2026-11-18");
        Assert.Equal("2026-11-18", otherDay.GetProperty("date").GetString());
        Assert.Empty(otherDay.GetProperty("positions").EnumerateArray());
    }

    [Fact]
    public async Task Accounts_roll_up_pnl_exposure_and_greeks()
    {
        var body = await _app.GetJsonAsync("/api/accounts");
        Assert.Equal(SampleFeeds.SampleDate, body.GetProperty("date").GetString());
        var accounts = body.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account_id").GetString()!);
        Assert.Equal(["HEDGE", "MM1"], accounts.Keys.Order(StringComparer.Ordinal));
        var hedge = accounts["HEDGE"];
        Assert.Equal(1, hedge.GetProperty("positions").GetInt32());
        // 2 ESZ6 × 6021.25 × 50
        Assert.Equal(602_125m, hedge.GetProperty("gross_exposure").GetDecimal());
        Assert.Equal(602_125m, hedge.GetProperty("net_exposure").GetDecimal());
        Assert.Equal(3, accounts["MM1"].GetProperty("positions").GetInt32());
        Assert.Equal(JsonValueKind.Number, accounts["MM1"].GetProperty("active_alarms").ValueKind);

        var filtered = await _app.GetJsonAsync("/api/accounts?account_id=MM1");
        Assert.Equal("MM1", Assert.Single(filtered.GetProperty("accounts").EnumerateArray()).GetProperty("account_id").GetString());
    }

    [Fact]
    public async Task Blotter_pages_through_every_trade_with_the_cursor()
    {
        var first = await _app.GetJsonAsync("/api/blotter?limit=3");
        Assert.Equal(SampleFeeds.SampleDate, first.GetProperty("date").GetString());
        var ids = first.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("trade_id").GetString()!).ToList();
        Assert.Equal(3, ids.Count);
        var cursor = first.GetProperty("next_cursor").GetString();
        Assert.False(string.IsNullOrEmpty(cursor));

        var second = await _app.GetJsonAsync("/api/blotter?limit=3&cursor=" + Uri.EscapeDataString(cursor!));
        ids.AddRange(second.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("trade_id").GetString()!));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        Assert.Equal(["T-1001", "T-1002", "T-1003", "T-1004"], ids.Order(StringComparer.Ordinal));

        var all = await _app.GetJsonAsync("/api/blotter");
        var t1004 = all.GetProperty("trades").EnumerateArray().Single(t => t.GetProperty("trade_id").GetString() == "T-1004");
        Assert.Equal("SELL", t1004.GetProperty("side").GetString());
        Assert.Equal("OZN Z6 C112.5", t1004.GetProperty("ticker").GetString());
        Assert.Equal("2026-11-20", t1004.GetProperty("trade_date").GetString());
        Assert.Equal(20, t1004.GetProperty("quantity").GetInt64());
        Assert.Equal("jdoe", t1004.GetProperty("trader").GetString());
        Assert.Equal("2026-11-20T14:25:00Z", t1004.GetProperty("exec_time").GetString());
        Assert.Contains("fills_20261120_1430.csv", t1004.GetProperty("source_file").GetString(), StringComparison.Ordinal);

        var hedgeOnly = await _app.GetJsonAsync("/api/blotter?account_id=HEDGE");
        Assert.Equal("T-1003", Assert.Single(hedgeOnly.GetProperty("trades").EnumerateArray()).GetProperty("trade_id").GetString());
    }

    [Fact]
    public async Task Market_serves_latest_prices_with_age_and_ticker_filter()
    {
        var body = await _app.GetJsonAsync("/api/market");
        var prices = body.GetProperty("prices").EnumerateArray().ToList();
        Assert.Equal(6, prices.Count);
        var zn = prices.Single(p => p.GetProperty("ticker").GetString() == "ZNZ6");
        Assert.Equal(112.421875m, zn.GetProperty("price").GetDecimal());
        Assert.Equal(112.40625m, zn.GetProperty("bid").GetDecimal());
        Assert.Equal(154230, zn.GetProperty("volume").GetInt64());
        Assert.Equal("2026-11-20T14:30:00Z", zn.GetProperty("timestamp").GetString());
        Assert.True(zn.GetProperty("age_seconds").GetDouble() > 3600);
        var put = prices.Single(p => p.GetProperty("ticker").GetString() == "OZN Z6 P110");
        Assert.Equal(JsonValueKind.Null, put.GetProperty("volume").ValueKind);

        var one = await _app.GetJsonAsync("/api/market?ticker=ESZ6");
        Assert.Equal("ESZ6", Assert.Single(one.GetProperty("prices").EnumerateArray()).GetProperty("ticker").GetString());
    }

    [Fact]
    public async Task Orders_serve_the_tt_snapshot_with_filters()
    {
        var body = await _app.GetJsonAsync("/api/orders");
        Assert.Equal("2026-11-20T14:30:00Z", body.GetProperty("snapshot_time").GetString());
        var orders = body.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(3, orders.Count);
        var partial = orders.Single(o => o.GetProperty("order_id").GetString() == "tt-7f3c02");
        Assert.Equal("PARTIALLY_FILLED", partial.GetProperty("status").GetString());
        Assert.Equal(6m, partial.GetProperty("leaves_qty").GetDecimal());
        Assert.Equal(4m, partial.GetProperty("cum_qty").GetDecimal());
        Assert.Equal("LIMIT", partial.GetProperty("order_type").GetString());
        Assert.Equal("DAY", partial.GetProperty("time_in_force").GetString());

        var hedge = await _app.GetJsonAsync("/api/orders?account_id=HEDGE");
        Assert.Equal("tt-7f3c03", Assert.Single(hedge.GetProperty("orders").EnumerateArray()).GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task Files_list_the_ledger_and_filter_by_status()
    {
        var body = await _app.GetJsonAsync("/api/files");
        var files = body.GetProperty("files").EnumerateArray().ToList();
        // Other tests in the collection drop more files; the samples are always there.
        Assert.True(files.Count >= SampleFeeds.FileCount);
        Assert.Equal(SampleFeeds.FileCount, files.Count(f => SampleFeeds.Keys.Contains(f.GetProperty("key").GetString() ?? string.Empty)));
        var trades = files.Single(f => f.GetProperty("feed").GetString() == "trades");
        Assert.Equal("trades", trades.GetProperty("bucket").GetString());
        Assert.Equal("trades/2026/11/20/fills_20261120_1430.csv", trades.GetProperty("key").GetString());
        Assert.Equal("COMPLETED", trades.GetProperty("status").GetString());
        Assert.Equal(4, trades.GetProperty("rows").GetInt32());
        Assert.Equal(0, trades.GetProperty("rejected_rows").GetInt32());
        Assert.Equal(64, trades.GetProperty("sha256").GetString()!.Length);
        Assert.Empty(trades.GetProperty("errors").EnumerateArray());
        AssertUtc(trades.GetProperty("received_at"));
        AssertUtc(trades.GetProperty("completed_at"));

        var completed = await _app.GetJsonAsync("/api/files?status=completed");
        Assert.All(completed.GetProperty("files").EnumerateArray(), f => Assert.Equal("COMPLETED", f.GetProperty("status").GetString()));
        var failed = await _app.GetJsonAsync("/api/files?status=FAILED");
        // Other tests in the collection drop broken files; none of the samples fails.
        Assert.All(failed.GetProperty("files").EnumerateArray(), f => Assert.Equal("FAILED", f.GetProperty("status").GetString()));
        Assert.DoesNotContain(failed.GetProperty("files").EnumerateArray(), f => SampleFeeds.Keys.Contains(f.GetProperty("key").GetString() ?? string.Empty));
        var limited = await _app.GetJsonAsync("/api/files?limit=2");
        Assert.Equal(2, limited.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task Health_ready_and_openapi_are_served()
    {
        using var anonymous = _app.CreateClient();
        Assert.Equal("ok", JsonDocument.Parse(await anonymous.GetStringAsync("/health")).RootElement.GetProperty("status").GetString());

        using var ready = await anonymous.GetAsync("/ready");
        var readyBody = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(["folders", "sqlite"], readyBody.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));

        var openapi = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var route in new[] { "/api/positions", "/api/accounts", "/api/blotter", "/api/market", "/api/orders", "/api/alarms", "/api/alarms/{alarm_id}/ack", "/api/files", "/api/stream", "/health", "/ready", "/metrics" })
        {
            Assert.Contains(route, paths);
        }
    }

    private static void AssertUtc(JsonElement value)
    {
        var text = value.GetString();
        Assert.NotNull(text);
        Assert.EndsWith("Z", text, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed));
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }
}
