using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
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
    public void Option_terms_are_parsed_and_a_future_is_its_own_underlying()
    {
        var catalog = ReferenceData.LoadInstruments(Write(
            "terms.csv",
            "instrument,product,multiplier,underlying,expiry,put_call,strike\n" +
            "ZNZ6,ZN,1000,ZNZ6,2026-12-21,,\nOZN Z6 C112.5,ZN,1000,ZNZ6,2026-11-20,C,112.5\nOZN Z6 P110,ZN,1000,ZNZ6,2026-11-20,p,110\n"));

        Assert.True(catalog.TryGet("ZNZ6", out var future));
        Assert.True(catalog.TryGet("OZN Z6 C112.5", out var call));
        Assert.True(catalog.TryGet("OZN Z6 P110", out var put));
        Assert.Equal(("ZNZ6", new DateOnly(2026, 12, 21), (OptionRight?)null, (decimal?)null, false), (future.Underlying, future.Expiry, future.PutCall, future.Strike, future.IsOption));
        Assert.Equal(("ZNZ6", new DateOnly(2026, 11, 20), (OptionRight?)OptionRight.Call, (decimal?)112.5m, true), (call.Underlying, call.Expiry, call.PutCall, call.Strike, call.IsOption));
        Assert.Equal((OptionRight?)OptionRight.Put, put.PutCall);
    }

    [Fact]
    public void Every_shipped_option_has_its_terms_and_a_shipped_underlying()
    {
        var catalog = ReferenceData.LoadInstruments(null);
        var options = catalog.All.Where(i => i.Key.StartsWith("OZN ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(options);
        Assert.All(options, o => Assert.True(o.IsOption && o.Strike > 0 && o.Expiry is not null && catalog.TryGet(o.Underlying!, out _), o.Key));
        Assert.All(catalog.All.Where(i => !i.IsOption), f => Assert.Equal(f.Key, f.Underlying));
        Assert.Contains(options, o => o.Expiry > new DateOnly(2027, 1, 1));
    }

    [Theory]
    [InlineData("ZNZ6,ZN,1000,ZNZ6,2026-11-20,X,112", "line 3: put_call 'X' is not C or P")]
    [InlineData("ZNZ6,ZN,1000,ZNZ6,2026-11-31,C,112", "line 3: expiry '2026-11-31' is not a date (YYYY-MM-DD)")]
    [InlineData("ZNZ6,ZN,1000,ZNZ6,2026-11-20,C,abc", "line 3: strike 'abc' is not a number")]
    [InlineData("ZNZ6,ZN,1000,ZNZ6,2026-11-20,C,0", "line 3: strike '0' must be greater than 0")]
    [InlineData("ZNZ6,ZN,1000,,2026-11-20,C,112", "line 3: put_call 'C' marks an option, but underlying is empty")]
    [InlineData("ZNZ6,ZN,1000,ZNZ6,2026-11-20,C,", "line 3: put_call 'C' marks an option, but strike is empty")]
    [InlineData("ZNZ6,ZN,1000,ZNZ6,,P,112", "line 3: put_call 'P' marks an option, but expiry is empty")]
    [InlineData("ZNZ6,ZN,1000,ZNZ6,2026-11-20,,112", "line 3: strike '112' is given but put_call is empty")]
    [InlineData("ZNZ6,ZN,1000,ZNH7,2026-11-20,C,112", "line 3: underlying 'ZNH7' of 'OPT' is not an instrument in this file")]
    public void Bad_option_terms_reject_the_reference_file_naming_line_and_field(string optionColumns, string expected)
    {
        var row = "OPT," + optionColumns[(optionColumns.IndexOf(',', StringComparison.Ordinal) + 1)..];
        var path = Write(
            "options.csv",
            "instrument,product,multiplier,underlying,expiry,put_call,strike\nZNZ6,ZN,1000,ZNZ6,2026-12-21,,\n" + row + "\n");

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
