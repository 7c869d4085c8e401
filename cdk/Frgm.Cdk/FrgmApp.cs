using Amazon.CDK;
using Frgm.Cdk.Config;
using Frgm.Cdk.Constructs;
using Frgm.Cdk.Stacks;

namespace Frgm.Cdk;

/// <summary>The five stacks of one environment, and the per-account stack that lets CI deploy them.</summary>
public sealed record FrgmStacks(EnvironmentConfig Config, NetworkStack Network, DataStack Data, DashboardStack Dashboard, IngestStack Ingest, AlertingStack Alerting, DeployStack Deploy)
{
    public IEnumerable<Stack> All => [Network, Data, Dashboard, Ingest, Alerting, Deploy];
}

/// <summary>
/// Builds one environment's stacks into an app: the environment comes from context <c>env</c> and its
/// settings from <c>environments.&lt;env&gt;</c> (cdk.json). Program and the tests both call this.
/// </summary>
public static class FrgmApp
{
    public static FrgmStacks Build(App app, string repoRoot, DashboardImage? image = null)
    {
        var config = EnvironmentConfigReader.Read(
            app.Node.TryGetContext(EnvironmentConfigReader.EnvironmentKey),
            app.Node.TryGetContext(EnvironmentConfigReader.EnvironmentsKey));

        // The zones are explicit in cdk.json; answering CDK's availability-zones lookup with them keeps synth
        // offline (no credentials, no cdk.context.json to keep in step).
        app.Node.SetContext($"availability-zones:account={config.Account}:region={config.Region}", config.AvailabilityZones.ToArray());

        var env = new Amazon.CDK.Environment { Account = config.Account, Region = config.Region };
        StackProps Props(string concern) => new()
        {
            Env = env,
            StackName = $"Frgm-{config.Name}-{concern}",
            Description = $"FRGM {config.Name}: {concern}",
            TerminationProtection = config.RetainData,
        };

        var network = new NetworkStack(app, $"Frgm-{config.Name}-Network", config, Props("Network"));
        var data = new DataStack(app, $"Frgm-{config.Name}-Data", config, network, Props("Data"));
        var dashboard = new DashboardStack(app, $"Frgm-{config.Name}-Dashboard", config, network, data, image ?? DashboardImage.FromRepository(repoRoot), Props("Dashboard"));
        var ingest = new IngestStack(app, $"Frgm-{config.Name}-Ingest", config, network, data, dashboard.Url, FunctionsCode.Create(repoRoot), Props("Ingest"));
        var alerting = new AlertingStack(app, $"Frgm-{config.Name}-Alerting", config, data, ingest, dashboard, Props("Alerting"));

        var deploy = new DeployStack(app, $"Frgm-{config.Name}-Deploy", config, Props("Deploy"));

        var stacks = new FrgmStacks(config, network, data, dashboard, ingest, alerting, deploy);
        foreach (var stack in stacks.All)
        {
            Tags.Of(stack).Add("Project", "FRGM");
            Tags.Of(stack).Add("Environment", config.Name);
        }

        return stacks;
    }
}
