using Frgm.Dashboard.Hosting;
using Microsoft.Extensions.Configuration;

namespace Frgm.Dashboard.Tests.Unit;

public sealed class DashboardSettingsTests
{
    [Fact]
    public void Defaults_follow_api_md()
    {
        var settings = DashboardSettings.From(Config(), () => "generated");
        Assert.Equal(DashboardMode.Embedded, settings.Mode);
        Assert.Equal(Path.GetFullPath(".frgm"), settings.DataDir);
        Assert.Equal(["generated"], settings.ApiKeys);
        Assert.True(settings.ApiKeyIsGenerated);
        Assert.True(settings.Demo);
        Assert.Null(settings.InstrumentsFile);
        Assert.Equal(Path.Combine(Path.GetFullPath(".frgm"), "monitoring.db"), settings.MonitoringDb);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.SweepInterval);
        Assert.Equal(TimeSpan.FromMinutes(15), settings.DemoFileMaxAge);
        Assert.Equal("http://127.0.0.1:5080", DashboardSettings.DefaultUrl);
    }

    [Fact]
    public void Reads_every_setting_and_splits_comma_separated_keys()
    {
        var settings = DashboardSettings.From(
            Config(("Frgm:Mode", "aws"), ("Frgm:DataDir", "/tmp/x"), ("Frgm:ApiKey", " k1 , k2 ,"), ("Frgm:Demo", "false"),
                ("Frgm:InstrumentsFile", "/tmp/i.csv"), ("Frgm:MonitoringDb", "/data/monitoring.db"), ("Frgm:SweepSeconds", "2.5"),
                ("Frgm:DemoFileMaxAgeMinutes", "0.5")),
            () => throw new InvalidOperationException("no key should be generated"));
        Assert.Equal(DashboardMode.Aws, settings.Mode);
        Assert.Equal("/tmp/x", settings.DataDir);
        Assert.Equal(["k1", "k2"], settings.ApiKeys);
        Assert.False(settings.ApiKeyIsGenerated);
        Assert.False(settings.Demo);
        Assert.Equal("/tmp/i.csv", settings.InstrumentsFile);
        Assert.Equal("/data/monitoring.db", settings.MonitoringDb);
        Assert.Equal(TimeSpan.FromSeconds(2.5), settings.SweepInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.DemoFileMaxAge);
    }

    [Fact]
    public void The_demo_never_runs_in_aws_mode() =>
        Assert.False(DashboardSettings.From(Config(("Frgm:Mode", "Aws"), ("Frgm:Demo", "true")), () => "k").Demo);

    [Theory]
    [InlineData("Frgm:Mode", "Cloud", "Embedded or Aws")]
    [InlineData("Frgm:Demo", "yes", "true or false")]
    [InlineData("Frgm:SweepSeconds", "0", "positive")]
    [InlineData("Frgm:DemoFileMaxAgeMinutes", "-1", "positive number of minutes")]
    [InlineData("Frgm:DemoFileMaxAgeMinutes", "soon", "positive number of minutes")]
    public void A_bad_setting_names_itself_and_the_expected_values(string name, string value, string expected)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DashboardSettings.From(Config((name, value)), () => "k"));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
