using Frgm.Domain.Risk;
using Frgm.Functions.Hosting;

namespace Frgm.Functions.Tests.Hosting;

public sealed class RiskSettingsFromEnvironmentTests
{
    private static Func<string, string?> Env(string? rate) => name => name == RiskSettingsFromEnvironment.RateVariable ? rate : null;

    [Fact]
    public void Without_the_variable_the_documented_default_applies()
    {
        Assert.Equal(RiskSettings.DefaultRate, RiskSettingsFromEnvironment.Read(Env(null)).Rate);
        Assert.Equal(0.04, RiskSettings.DefaultRate);
    }

    [Fact]
    public void The_variable_sets_the_rate_in_invariant_culture()
    {
        Assert.Equal(0.0525, RiskSettingsFromEnvironment.Read(Env("0.0525")).Rate);
    }

    [Theory]
    [InlineData("4%")]
    [InlineData("0,04")]
    [InlineData("NaN")]
    [InlineData("3")]
    public void A_rate_that_is_not_a_sane_number_fails_naming_the_setting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RiskSettingsFromEnvironment.Read(Env(value)));

        Assert.Contains("Rate", error.Message, StringComparison.Ordinal);
    }
}
