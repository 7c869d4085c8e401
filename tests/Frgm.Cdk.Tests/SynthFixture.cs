using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Frgm.Cdk.Constructs;
using Frgm.TestSupport;

namespace Frgm.Cdk.Tests;

/// <summary>
/// Synthesizes dev, staging and prod ONCE per test run from the real cdk.json context (asset bundling
/// skipped through <c>aws:cdk:bundling-stacks</c> = []), writing each cloud assembly to a temp folder that
/// the cdk-nag test reads. jsii needs node 22 first on PATH.
/// </summary>
public sealed class SynthFixture : IDisposable
{
    public static readonly string[] Environments = ["dev", "staging", "prod"];

    private readonly Dictionary<string, FrgmStacks> _stacks = [];
    private readonly Dictionary<(string Env, string Stack), Template> _templates = [];

    public SynthFixture()
    {
        var bin = Path.Combine(RepoPaths.NodeModules, ".bin");
        System.Environment.SetEnvironmentVariable("PATH", bin + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"));
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1");

        OutDir = Directory.CreateTempSubdirectory("frgm-cdk-tests-").FullName;
        Image = DashboardImageForTests(OutDir, out var stub);
        UsesStubDockerfile = stub;

        var context = CdkJsonContext();
        foreach (var env in Environments)
        {
            var app = new App(new AppProps { Outdir = AssemblyDir(env), Context = WithEnvironment(context, env) });
            _stacks[env] = FrgmApp.Build(app, RepoPaths.Root, Image);
            app.Synth();
        }
    }

    public string OutDir { get; }

    public DashboardImage Image { get; }

    /// <summary>dashboard/Dockerfile is not in the repository yet, so a stub stands in for the build context.</summary>
    public bool UsesStubDockerfile { get; }

    public string AssemblyDir(string env) => Path.Combine(OutDir, env);

    public FrgmStacks Stacks(string env) => _stacks[env];

    public Template Template(string env, string concern)
    {
        lock (_templates)
        {
            if (!_templates.TryGetValue((env, concern), out var template))
            {
                var stack = _stacks[env].All.Single(s => s.StackName == $"Frgm-{env}-{concern}");
                template = Amazon.CDK.Assertions.Template.FromStack(stack);
                _templates[(env, concern)] = template;
            }

            return template;
        }
    }

    /// <summary>The synthesized template as plain JSON, for whole-template scans.</summary>
    public JsonDocument TemplateJson(string env, string concern) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AssemblyDir(env), $"Frgm-{env}-{concern}.template.json")));

    public void Dispose()
    {
        try
        {
            Directory.Delete(OutDir, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }

    /// <summary>cdk.json's context, converted to the plain dictionaries jsii hands to the app.</summary>
    public static Dictionary<string, object> CdkJsonContext()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "cdk.json")));
        return (Dictionary<string, object>)ToObject(doc.RootElement.GetProperty("context"))!;
    }

    public static Dictionary<string, object> WithEnvironment(Dictionary<string, object> context, string env) => new(context)
    {
        ["env"] = env,
        ["aws:cdk:bundling-stacks"] = Array.Empty<object>(),
    };

    public static object? ToObject(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)!),
        JsonValueKind.Array => e.EnumerateArray().Select(ToObject).ToArray(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static DashboardImage DashboardImageForTests(string outDir, out bool stub)
    {
        var real = DashboardImage.FromRepository(RepoPaths.Root);
        if (File.Exists(Path.Combine(real.Directory, real.DockerfilePath)))
        {
            stub = false;
            return real;
        }

        var context = Path.Combine(outDir, "image-context");
        Directory.CreateDirectory(Path.Combine(context, "dashboard"));
        File.WriteAllText(Path.Combine(context, DashboardImage.Dockerfile), "FROM scratch\n");
        stub = true;
        return new DashboardImage(context, DashboardImage.Dockerfile);
    }
}

[CollectionDefinition(Name)]
public sealed class SynthCollection : ICollectionFixture<SynthFixture>
{
    public const string Name = "synth";
}
