using Frgm.Domain.Feeds;
using Frgm.TestSupport;
using static Frgm.Domain.Tests.Feeds.FeedText;

namespace Frgm.Domain.Tests.Feeds;

public sealed class ReferenceDataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("frgm-refdata-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Shipped_file_is_embedded_and_holds_a_demo_market()
    {
        var catalog = ReferenceData.LoadInstruments(null);

        Assert.InRange(catalog.Count, 12, 20);
        Assert.True(catalog.TryGet("ZNZ6", out var zn));
        Assert.Equal(("ZN", "XCME", 1000m, 0.015625m, "USD"), (zn.Product, zn.Exchange, zn.Multiplier, zn.TickSize, zn.Currency));
        Assert.Contains(catalog.All, i => i.Key.StartsWith("OZN ", StringComparison.Ordinal) && i.Key != "OZN Z6 C112.5" && i.Key != "OZN Z6 P110");
    }

    [Fact]
    public void Shipped_file_agrees_with_every_sample_instrument()
    {
        var shipped = ReferenceData.LoadInstruments(null);
        var sample = ReferenceData.LoadInstruments(RepoPaths.Sample("instruments.csv"));

        Assert.Equal(6, sample.Count);
        foreach (var instrument in sample.All)
        {
            Assert.True(shipped.TryGet(instrument.Key, out var same), instrument.Key);
            Assert.Equal(instrument, same);
        }
    }

    [Fact]
    public void Currency_defaults_to_usd_and_optional_columns_may_be_absent()
    {
        var rows = Values(FeedParsers.Instruments(Utf8("instrument,product,multiplier,currency\nFGBLZ6,FGBL,1000,eur\nZNZ6,ZN,1000,\n")));

        Assert.Equal(("EUR", null, null), (rows[0].Currency, rows[0].Exchange, rows[0].TickSize));
        Assert.Equal("USD", rows[1].Currency);
    }

    [Fact]
    public void A_bad_row_rejects_the_reference_file_naming_file_line_and_field()
    {
        var path = Write("bad.csv", "instrument,product,multiplier\nZNZ6,ZN,1000\nESZ6,ES,fifty\n");

        var ex = Assert.Throws<FeedFormatException>(() => ReferenceData.LoadInstruments(path));

        Assert.Equal($"{path} line 3: multiplier 'fifty' is not a number", ex.Message);
    }

    [Fact]
    public void A_repeated_instrument_rejects_the_reference_file()
    {
        var path = Write("dup.csv", "instrument,product,multiplier\nZNZ6,ZN,1000\n\nZNZ6,ZN,2000\n");

        var ex = Assert.Throws<FeedFormatException>(() => ReferenceData.LoadInstruments(path));

        Assert.Equal($"{path} line 4: instrument 'ZNZ6' is already defined on line 2", ex.Message);
    }

    [Theory]
    [InlineData("instrument,product,multiplier\nZNZ6,ZN,0\n", "line 2: multiplier '0' must be greater than 0")]
    [InlineData("instrument,product,multiplier,tick_size\nZNZ6,ZN,1000,-1\n", "line 2: tick_size '-1' must be greater than 0")]
    [InlineData("instrument,product,multiplier\nZNZ6,,1000\n", "line 2: product is empty")]
    [InlineData("instrument,product\nZNZ6,ZN\n", "missing required column(s): multiplier")]
    public void Reference_rules_are_enforced(string text, string expected)
    {
        var path = Write("rules.csv", text);

        var ex = Assert.Throws<FeedFormatException>(() => ReferenceData.LoadInstruments(path));

        Assert.StartsWith(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Missing_override_file_fails_loudly() =>
        Assert.Throws<FileNotFoundException>(() => ReferenceData.LoadInstruments(Path.Combine(_dir, "absent.csv")));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
