using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;
using Frgm.Domain.Model;
using Frgm.Domain.Pricing;
using Frgm.Domain.Risk;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>/api/risk, /api/risk/scenarios and greeks_source over the ingested samples (API.md).</summary>
[Collection(ApiCollection.Name)]
public sealed class RiskApiTests
{
    private readonly DashboardApiFactory _app;

    public RiskApiTests(DashboardApiFactory app) => _app = app;

    [Fact]
    public async Task Every_position_says_where_its_greeks_come_from()
    {
        var positions = (await _app.GetJsonAsync("/api/positions")).GetProperty("positions").EnumerateArray().ToList();

        string Source(string ticker) => positions.First(p => p.GetProperty("ticker").GetString() == ticker).GetProperty("greeks_source").GetString()!;

        // The sample options have model terms and live prices with their underlying; the futures take EOD rows.
        Assert.Equal("model", Source("OZN Z6 C112.5"));
        Assert.Equal("model", Source("OZN Z6 P110"));
        Assert.Equal("eod", Source("ZNZ6"));
        Assert.Equal("eod", Source("ESZ6"));
    }

    [Fact]
    public async Task The_call_delta_is_black76_at_the_volatility_implied_by_the_sample_price()
    {
        var call = (await _app.GetJsonAsync("/api/positions?ticker=" + Uri.EscapeDataString("OZN Z6 C112.5"))).GetProperty("positions")[0];

        // 14:30 UTC to the 21:00 UTC close of 2026-11-20: 6.5 hours.
        var t = 6.5 / 24 / 365;
        var inputs = new OptionInputs(OptionRight.Call, 112.421875, 112.5, t, 0, RiskSettings.DefaultRate);
        var vol = ImpliedVolatility.Solve(inputs, 0.546875);
        Assert.True(vol.IsSolved);
        var expected = 100 * Black76.Evaluate(inputs with { Volatility = vol.Volatility }).Delta;
        Assert.Equal(expected, (double)call.GetProperty("delta").GetDecimal(), 6);
        Assert.NotEqual(48m, call.GetProperty("delta").GetDecimal()); // the EOD number (0.48 × 100)
    }

    [Fact]
    public async Task Risk_rolls_positions_up_product_underlying_expiry_contract_with_the_same_numbers()
    {
        var body = await _app.GetJsonAsync("/api/risk");
        var positions = (await _app.GetJsonAsync("/api/positions")).GetProperty("positions").EnumerateArray().ToList();

        Assert.Equal(SampleFeeds.SampleDate, body.GetProperty("date").GetString());
        var groups = body.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["ES", "ZN"], groups.Select(g => g.GetProperty("key").GetString()));
        var zn = groups[1];
        Assert.Equal("product", zn.GetProperty("level").GetString());
        var underlying = Assert.Single(zn.GetProperty("children").EnumerateArray());
        Assert.Equal(("underlying", "ZNZ6"), (underlying.GetProperty("level").GetString(), underlying.GetProperty("key").GetString()));
        var expiries = underlying.GetProperty("children").EnumerateArray().ToList();
        Assert.All(expiries, e => Assert.Equal("expiry", e.GetProperty("level").GetString()));
        var contracts = expiries.SelectMany(e => e.GetProperty("children").EnumerateArray()).ToList();
        Assert.Equal(
            ["OZN Z6 C112.5", "OZN Z6 P110", "ZNZ6"],
            contracts.Select(c => c.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
        Assert.All(contracts, c => Assert.Equal(0, c.GetProperty("children").GetArrayLength()));

        var znPositions = positions.Where(p => p.GetProperty("ticker").GetString() != "ESZ6").ToList();
        foreach (var name in new[] { "delta", "gamma", "vega", "theta", "day_pnl", "realized_pnl", "unrealized_pnl" })
        {
            Assert.Equal(znPositions.Sum(p => p.GetProperty(name).GetDecimal()), zn.GetProperty(name).GetDecimal());
        }

        Assert.Equal(znPositions.Sum(p => p.GetProperty("net_qty").GetInt64()), zn.GetProperty("net_qty").GetInt64());
        // The future: delta −30 contracts × 112.421875 × 1000.
        var future = contracts.Single(c => c.GetProperty("key").GetString() == "ZNZ6");
        Assert.Equal(-30m * 112.421875m * 1000m, future.GetProperty("delta_notional").GetDecimal());
    }

    [Fact]
    public async Task Risk_filters_by_account_product_and_underlying()
    {
        var hedge = (await _app.GetJsonAsync("/api/risk?account_id=HEDGE")).GetProperty("groups");
        Assert.Equal("ES", Assert.Single(hedge.EnumerateArray()).GetProperty("key").GetString());

        var es = (await _app.GetJsonAsync("/api/risk?product=es")).GetProperty("groups");
        Assert.Equal("ES", Assert.Single(es.EnumerateArray()).GetProperty("key").GetString());

        var zn = (await _app.GetJsonAsync("/api/risk?underlying=ZNZ6&account_id=MM1")).GetProperty("groups");
        Assert.Equal("ZN", Assert.Single(zn.EnumerateArray()).GetProperty("key").GetString());

        Assert.Empty((await _app.GetJsonAsync("/api/risk?product=ZB")).GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public async Task Scenarios_default_to_nine_by_three_per_account_and_underlying()
    {
        var body = await _app.GetJsonAsync("/api/risk/scenarios");

        Assert.Equal(new[] { -5, -3.75, -2.5, -1.25, 0, 1.25, 2.5, 3.75, 5 }, body.GetProperty("underlying_shifts").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(new[] { -5.0, 0, 5 }, body.GetProperty("vol_shifts").EnumerateArray().Select(e => e.GetDouble()));
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(
            [("HEDGE", "ESZ6"), ("MM1", "ZNZ6")],
            rows.Select(r => (r.GetProperty("account_id").GetString(), r.GetProperty("underlying").GetString())));
        Assert.All(rows, r =>
        {
            var cells = r.GetProperty("cells");
            Assert.Equal(9, cells.GetArrayLength());
            Assert.All(cells.EnumerateArray(), c => Assert.Equal(3, c.GetArrayLength()));
            Assert.Equal(0, cells[4][1].GetDouble(), 6);
        });

        // HEDGE is long 2 ESZ6 (multiplier 50) at 6021.25: linear, +5 % is 2 × 50 × 301.0625, whatever the vol shift.
        var hedge = rows[0].GetProperty("cells");
        Assert.Equal(2 * 50 * 6021.25 * 0.05, hedge[8][0].GetDouble(), 6);
        Assert.Equal(hedge[8][0].GetDouble(), hedge[8][2].GetDouble(), 9);
    }

    [Fact]
    public async Task Scenarios_take_the_shift_lists_as_parameters()
    {
        var body = await _app.GetJsonAsync("/api/risk/scenarios?underlying_shifts=-10,10&vol_shifts=2&account_id=HEDGE");

        Assert.Equal(new[] { -10.0, 10 }, body.GetProperty("underlying_shifts").EnumerateArray().Select(e => e.GetDouble()));
        var row = Assert.Single(body.GetProperty("rows").EnumerateArray());
        Assert.Equal(-2 * 50 * 602.125, row.GetProperty("cells")[0][0].GetDouble(), 6);
    }

    [Theory]
    [InlineData("underlying_shifts=abc", "underlying_shifts")]
    [InlineData("underlying_shifts=1,,2", "underlying_shifts")]
    [InlineData("underlying_shifts=-150", "underlying_shifts")]
    [InlineData("underlying_shifts=NaN", "underlying_shifts")]
    [InlineData("vol_shifts=5;6", "vol_shifts")]
    [InlineData("vol_shifts=1e3", "vol_shifts")]
    [InlineData("vol_shifts=", null)]
    public async Task A_bad_shift_list_is_a_400_naming_the_parameter(string query, string? parameter)
    {
        using var response = await _app.Api.GetAsync("/api/risk/scenarios?" + query);
        var text = await response.Content.ReadAsStringAsync();
        if (parameter is null)
        {
            // An empty value is an absent one (the default list), as for every other parameter.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(text).RootElement;
        Assert.Equal("bad_parameter", error.GetProperty("error").GetString());
        Assert.Contains($"'{parameter}'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_shifts_is_a_400_and_a_long_value_is_not_echoed_whole()
    {
        var many = string.Join(',', Enumerable.Range(0, 200).Select(i => "1"));
        using var response = await _app.Api.GetAsync("/api/risk/scenarios?underlying_shifts=" + many);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
        Assert.Contains("'underlying_shifts'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(many, message, StringComparison.Ordinal);
    }
}
