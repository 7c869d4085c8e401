using System.Text.Json;
using Frgm.Dashboard.Tests.Support;
using Frgm.Domain.Feeds;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>The real dashboard with the demo on (embedded mode, real Kestrel, shipped instruments): risk from the start.</summary>
public sealed class DemoMarketApiTests
{
    [Fact]
    public async Task After_start_the_demo_desk_has_non_zero_greeks_and_option_marks()
    {
        await using var app = await KestrelDashboard.StartAsync("demo-api", withSamples: false, "--Frgm:Demo=true", "--Frgm:InstrumentsFile=");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var liveOptions = ReferenceData.LoadInstruments(null).All
            .Where(i => i.IsOption && i.Expiry >= today)
            .Select(i => i.Key)
            .ToHashSet(StringComparer.Ordinal);
        JsonElement[] positions = [];

        // The opening EOD and SOD are the first files the demo writes, but the folder watcher takes each once it has held
        // still, so SOD and prices can be in before the EOD: options get model Greeks from those alone, a future's delta
        // only from the EOD. The wait covers both on a loaded machine.
        await Poll.UntilAsync(
            async () =>
            {
                using var doc = JsonDocument.Parse(await app.Api.GetStringAsync($"/api/positions?date={today:yyyy-MM-dd}"));
                positions = doc.RootElement.GetProperty("positions").EnumerateArray().Select(p => p.Clone()).ToArray();
                return positions.Any(p => p.GetProperty("ticker").GetString() == "ZNZ6" && Number(p, "delta") != 0)
                    && positions.Where(p => liveOptions.Contains(p.GetProperty("ticker").GetString()!)).Count(p => Number(p, "gamma") != 0) == liveOptions.Count;
            },
            "today's demo positions to carry Greeks (ZNZ6's from the EOD, every live option's from the model)",
            TimeSpan.FromSeconds(60));

        Assert.Contains(positions, p => p.GetProperty("ticker").GetString() == "ZNZ6" && Number(p, "delta") == Number(p, "net_qty"));
        foreach (var option in positions.Where(p => liveOptions.Contains(p.GetProperty("ticker").GetString()!)))
        {
            Assert.True(Number(option, "vega") != 0 && Number(option, "theta") != 0, option.ToString());
            Assert.True(option.GetProperty("mark_price").ValueKind == JsonValueKind.Number && Number(option, "mark_price") > 0, option.ToString());
        }

        using var accounts = JsonDocument.Parse(await app.Api.GetStringAsync($"/api/accounts?date={today:yyyy-MM-dd}"));
        var mm1 = accounts.RootElement.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account_id").GetString() == "MM1");
        Assert.InRange(Math.Abs(Number(mm1, "delta")), 500m, 1_500m);
    }

    private static decimal Number(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDecimal() : 0m;
}
