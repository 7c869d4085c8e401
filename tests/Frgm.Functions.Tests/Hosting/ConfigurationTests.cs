using System.Reflection;
using Frgm.Application.Composition;
using Frgm.Application.Ingestion;
using Frgm.Domain.Alarms;
using Frgm.Functions.Handlers;
using Frgm.Functions.Hosting;
using Frgm.Functions.Tests.Fakes;
using Frgm.Functions.Tt;
using Frgm.Settings;
using Frgm.Storage.Aws;
using Frgm.Storage.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Frgm.Functions.Tests.Hosting;

/// <summary>
/// The Lambdas read their environment through the same source-generated binder and the same <c>AddFrgm</c> as the
/// dashboard: the variables the CDK sets (named by Frgm.Settings) bind, and a bad one is an error naming it.
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("frgm-config-").FullName;

    public void Dispose()
    {
        EmbeddedStorage.ReleaseConnections();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Per_account_alarm_overrides_have_the_dashboards_shape_in_a_Lambda_too()
    {
        using var services = Compose(IngestionRole.Lambda, new()
        {
            [SettingKeys.Variable(SettingKeys.Alarms.AccountKey("MM1", SettingKeys.Alarms.PositionLimit))] = "200",
            [SettingKeys.Variable(SettingKeys.Alarms.AccountKey("MM1", SettingKeys.Alarms.PositionLimits + ":ZN"))] = "50",
            ["Frgm__Alarms__LossLimit"] = "1000",
        });

        var thresholds = services.GetRequiredService<AlarmThresholds>();
        Assert.Equal(200m, thresholds.Accounts["MM1"].PositionLimit);
        Assert.Equal(50m, thresholds.Accounts["MM1"].PositionLimits["ZN"]);
        Assert.Equal(1000m, thresholds.LossLimit);
        Assert.Same(thresholds, services.GetRequiredService<IngestionService>().Thresholds);
    }

    [Fact]
    public void Each_ingestion_role_gets_its_limits_and_a_variable_overrides_one_feed()
    {
        var trades = new Dictionary<string, string> { ["Frgm__Ingest__MaxFileMb__trades"] = "2", ["Frgm__Ingest__WorkerMaxFileMb"] = "3", ["Frgm__Risk__Rate"] = "0.05" };

        using (var lambda = Compose(IngestionRole.Lambda, trades))
        {
            var ingestion = lambda.GetRequiredService<IngestionService>();
            Assert.Equal(2 * FileSizeLimits.MiB, ingestion.MaxFileBytes.Trades);
            Assert.Equal(FileSizeLimits.Lambda.MarketData, ingestion.MaxFileBytes.MarketData);
            Assert.Equal(OversizeSettings.Worker, ingestion.HandOffOversizedTo);
            Assert.Equal(OversizeSettings.DefaultMaxWait, ingestion.HandOffMaxWait);
            Assert.Equal(0.05, ingestion.RiskRate);
        }

        using (var runner = Compose(IngestionRole.LocalRunner, trades))
        {
            var ingestion = runner.GetRequiredService<IngestionService>();
            Assert.Equal(2 * FileSizeLimits.MiB, ingestion.MaxFileBytes.Trades);
            Assert.Null(ingestion.MaxFileBytes.MarketData);
        }

        using (var worker = Compose(IngestionRole.OversizeWorker, trades))
        {
            var ingestion = worker.GetRequiredService<IngestionService>();
            Assert.Equal(new FileSizeLimits(3 * FileSizeLimits.MiB, 3 * FileSizeLimits.MiB, 3 * FileSizeLimits.MiB, 3 * FileSizeLimits.MiB, 3 * FileSizeLimits.MiB), ingestion.MaxFileBytes);
            Assert.Null(ingestion.HandOffOversizedTo);
            Assert.Equal(0.05, ingestion.RiskRate);
        }
    }

    [Theory]
    [InlineData("Frgm__Risk__Rate", "4%")]
    [InlineData("Frgm__Risk__Rate", "3")]
    [InlineData("Frgm__Ingest__MaxFileMb", "-1")]
    [InlineData("Frgm__Ingest__MaxFileMb__trades", "lots")]
    [InlineData("Frgm__Ingest__MaxFileMb__trade", "4")]
    [InlineData("Frgm__Ingest__HandOffMaxWaitMinutes", "0")]
    [InlineData("Frgm__MaxWorkingOrders", "0")]
    [InlineData("Frgm__Alarms__Accounts__MM1__LossLimit", "high")]
    public void A_core_setting_that_cannot_work_fails_the_composition_naming_its_variable(string variable, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Compose(IngestionRole.Lambda, new() { [variable] = value }).Dispose());

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains(variable.Replace("__", ":", StringComparison.Ordinal), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Frgm__Aws__RedisPort", "sixty")]
    [InlineData("Frgm__Aws__RedisPort", "70000")]
    [InlineData("Frgm__Aws__RedisTls", "yes")]
    [InlineData("Frgm__Aws__RedisConnectTimeoutSeconds", "0")]
    [InlineData("Frgm__Aws__HistoryTable", " ")]
    public void A_bad_AWS_setting_fails_the_host_naming_its_variable(string variable, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AwsSettings.From(LambdaConfiguration.FromVariables(new Dictionary<string, string> { [variable] = value })));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_AWS_variables_bind_and_the_region_falls_back_to_Lambdas_own()
    {
        var aws = AwsSettings.From(LambdaConfiguration.FromVariables(new Dictionary<string, string>
        {
            ["Frgm__Aws__HistoryTable"] = "h",
            ["Frgm__Aws__RedisPort"] = "6380",
            ["Frgm__Aws__RedisTls"] = "false",
            ["Frgm__Aws__RedisConnectTimeoutSeconds"] = "1.5",
            ["AWS_REGION"] = "eu-west-2",
        }));

        Assert.Equal(("h", 6380, false, 1.5, "eu-west-2"), (aws.HistoryTable, aws.RedisPort, aws.RedisTls, aws.RedisConnectTimeoutSeconds, aws.Region));
    }

    [Fact]
    public void Every_AWS_setting_name_is_a_bound_property_and_every_bound_property_a_setting_name()
    {
        var bound = typeof(AwsSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name)
            .OfType<string>();

        Assert.Equal(SettingKeys.Aws.All.Order(StringComparer.Ordinal), bound.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TT_seconds_variables_bind_to_their_time_spans_and_a_bad_environment_is_named()
    {
        var tt = TtSettings.From(LambdaConfiguration.FromVariables(new Dictionary<string, string> { ["Frgm__Tt__PollIntervalSeconds"] = "1.5", ["Frgm__Tt__RequestTimeoutSeconds"] = "3" }));
        Assert.Equal((TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3)), (tt.PollInterval, tt.RequestTimeout));

        var ex = Assert.Throws<InvalidOperationException>(() => TtSettings.From(LambdaConfiguration.FromVariables(new Dictionary<string, string> { ["Frgm__Tt__Environment"] = "ext_prod_typo" })));
        Assert.Contains("Frgm__Tt__Environment", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Slack_notifier_is_built_without_opening_storage_and_ingest_is_not()
    {
        var config = LambdaConfiguration.FromVariables([]);
        await using var host = new FunctionHost(config, new CapturedOutput("config").Writer, (_, _, _) => throw new InvalidOperationException("storage opened"));

        Assert.IsType<SlackNotifierFunction>(await HandlerCatalog.CreateAsync(HandlerCatalog.SlackNotifier, host, default));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => HandlerCatalog.CreateAsync(HandlerCatalog.Ingest, host, default));
        Assert.Equal("storage opened", ex.Message);
    }

    private ServiceProvider Compose(IngestionRole role, Dictionary<string, string> variables)
    {
        var configuration = LambdaConfiguration.FromVariables(variables);
        var services = new ServiceCollection();
        services.AddFrgmEmbedded(configuration, EmbeddedStorage.Open(Path.Combine(_dir, Guid.NewGuid().ToString("N"))), role);
        return services.BuildServiceProvider();
    }
}
