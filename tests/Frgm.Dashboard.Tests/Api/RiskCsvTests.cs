using System.Globalization;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>The risk tree and the scenario matrix as CSV: one row per node (its path in the level columns) and one per cell.</summary>
[Collection(ApiCollection.Name)]
public sealed class RiskCsvTests(DashboardApiFactory app)
{
    [Fact]
    public async Task Risk_csv_has_one_row_per_node_of_the_json_tree_with_its_path_and_numbers()
    {
        var json = await app.GetJsonAsync("/api/risk?date=2026-11-20&account_id=MM1");
        var nodes = new List<(string[] Path, JsonElement Node)>();
        Walk(json.GetProperty("groups"), [], nodes);
        Assert.NotEmpty(nodes);

        var rows = await app.GetCsvAsync("/api/risk?date=2026-11-20&account_id=MM1&format=csv");
        Assert.Equal(["level", "product", "underlying", "expiry", "contract", "net_qty", "day_pnl", "realized_pnl", "unrealized_pnl", "delta", "gamma", "vega", "theta", "delta_notional"], rows[0]);
        Assert.Equal(nodes.Count + 1, rows.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var (path, node) = nodes[i];
            var row = rows[i + 1];
            Assert.Equal(node.GetProperty("level").GetString(), row[0]);
            for (var level = 0; level < 4; level++)
            {
                Assert.Equal(level < path.Length ? path[level] : string.Empty, row[1 + level]);
            }

            Assert.Equal(node.GetProperty("net_qty").GetRawText(), row[5]);
            Assert.Equal(node.GetProperty("delta").GetRawText(), row[9]);
        }
    }

    [Fact]
    public async Task Scenario_csv_has_one_row_per_cell_equal_to_the_json_matrix()
    {
        const string query = "/api/risk/scenarios?date=2026-11-20&underlying_shifts=-2,0,2&vol_shifts=-1,1";
        var json = await app.GetJsonAsync(query);
        var rows = await app.GetCsvAsync(query + "&format=csv");
        Assert.Equal(["account_id", "underlying", "underlying_shift", "vol_shift", "pnl_change"], rows[0]);

        var expected = new List<string[]>();
        foreach (var row in json.GetProperty("rows").EnumerateArray())
        {
            var cells = row.GetProperty("cells");
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 2; j++)
                {
                    expected.Add([
                        row.GetProperty("account_id").GetString()!, row.GetProperty("underlying").GetString()!,
                        json.GetProperty("underlying_shifts")[i].GetRawText(), json.GetProperty("vol_shifts")[j].GetRawText(),
                        cells[i][j].GetRawText(),
                    ]);
                }
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count + 1, rows.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k][..2], rows[k + 1][..2]);
            for (var c = 2; c < 5; c++)
            {
                Assert.Equal(double.Parse(expected[k][c], CultureInfo.InvariantCulture), double.Parse(rows[k + 1][c], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task A_bad_shift_list_is_still_a_json_400_when_csv_is_asked_for()
    {
        using var response = await app.Api.GetAsync("/api/risk/scenarios?vol_shifts=abc&format=csv");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("vol_shifts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void Walk(JsonElement groups, string[] path, List<(string[] Path, JsonElement Node)> into)
    {
        foreach (var g in groups.EnumerateArray())
        {
            string[] here = [.. path, g.GetProperty("key").GetString()!];
            into.Add((here, g));
            Walk(g.GetProperty("children"), here, into);
        }
    }
}
