using Frgm.Dashboard.Monitoring;
using Frgm.Dashboard.Ui;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Tests.Unit;

public sealed class FormattingTests
{
    private static readonly Instrument Zn = new("ZNZ6", "ZN", "XCME", 1000, 0.015625m, "USD");
    private static readonly Instrument Es = new("ESZ6", "ES", "XCME", 50, 0.25m, "USD");

    [Fact]
    public void Money_and_quantities_use_thousands_separators_and_fixed_decimals()
    {
        Assert.Equal("-2,578.13", Fmt.Money(-2578.125m));
        Assert.Equal("1,234,567.00", Fmt.Money(1234567m));
        Assert.Equal("—", Fmt.Money(null));
        Assert.Equal("-1,500", Fmt.Qty(-1500L));
        Assert.Equal("neg", Fmt.SignClass(-0.01m));
        Assert.Equal("pos", Fmt.SignClass(3m));
        Assert.Equal("flat", Fmt.SignClass(null));
    }

    [Fact]
    public void Prices_show_the_instrument_tick_precision()
    {
        Assert.Equal("112.421875", Fmt.Price(112.421875m, Zn));
        Assert.Equal("112.400000", Fmt.Price(112.4m, Zn));
        Assert.Equal("6,021.25", Fmt.Price(6021.25m, Es));
        Assert.Equal("1.2346", Fmt.Price(1.23456m, null));
    }

    [Fact]
    public void Times_are_utc_and_ages_readable()
    {
        var now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal("09:59:58", Fmt.Clock(new DateTimeOffset(2026, 11, 22, 11, 59, 58, TimeSpan.FromHours(2)), now));
        Assert.Equal("2026-11-20 14:30:00", Fmt.Clock(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), now));
        Assert.Equal("2.5 s", Fmt.Age(2.5));
        Assert.Equal("2 m 5 s", Fmt.Age(125));
    }

    [Fact]
    public void Html_encodes_data_and_prometheus_escapes_labels()
    {
        Assert.Equal("&lt;script&gt;&quot;x&quot;", Html.E("<script>\"x\""));
        var text = new PrometheusText();
        text.Sample("m", 1.5, ("feed", "a\"b\\c\nd"));
        Assert.Equal("m{feed=\"a\\\"b\\\\c\\nd\"} 1.5\n", text.ToString());
    }
}
