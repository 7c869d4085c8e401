using System.Text.Json;
using Amazon.CDK;
using Frgm.Cdk;
using Frgm.Cdk.Constructs;
using Frgm.TestSupport;

namespace Frgm.Functions.Tests.Runtime;

/// <summary>One AWS::Lambda::Function of the synthesized template: what Lambda would start.</summary>
public sealed record TemplateFunction(string LogicalId, string Handler, string Runtime, string Architecture, int MemoryMiB, IReadOnlyDictionary<string, JsonElement> Variables);

/// <summary>
/// The dev environment's Ingest stack, synthesized once in-process from the real cdk.json (bundling skipped:
/// only the template is needed), so the bootstrap tests run each function with the variables the CDK gives it.
/// </summary>
public static class CdkFunctionTemplate
{
    public const string Environment = "dev";

    private static readonly Lazy<IReadOnlyDictionary<string, TemplateFunction>> Functions = new(Synthesize);

    /// <summary>The functions by handler name.</summary>
    public static IReadOnlyDictionary<string, TemplateFunction> ByHandler => Functions.Value;

    private static Dictionary<string, TemplateFunction> Synthesize()
    {
        var bin = Path.Combine(RepoPaths.NodeModules, ".bin");
        System.Environment.SetEnvironmentVariable("PATH", bin + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"));
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1");
        var outDir = Directory.CreateTempSubdirectory("frgm-functions-synth-").FullName;
        try
        {
            using var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "cdk.json")));
            var context = (Dictionary<string, object>)ToObject(cdkJson.RootElement.GetProperty("context"))!;
            context["env"] = Environment;
            context["aws:cdk:bundling-stacks"] = Array.Empty<object>();
            var app = new App(new AppProps { Outdir = outDir, Context = context });
            var image = DashboardImage.FromRepository(RepoPaths.Root);
            FrgmApp.Build(app, RepoPaths.Root, image);
            app.Synth();

            using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, $"Frgm-{Environment}-Ingest.template.json")));
            var result = new Dictionary<string, TemplateFunction>(StringComparer.Ordinal);
            foreach (var resource in template.RootElement.GetProperty("Resources").EnumerateObject())
            {
                if (resource.Value.GetProperty("Type").GetString() != "AWS::Lambda::Function")
                {
                    continue;
                }

                var p = resource.Value.GetProperty("Properties");
                var variables = p.GetProperty("Environment").GetProperty("Variables").EnumerateObject()
                    .ToDictionary(v => v.Name, v => v.Value.Clone(), StringComparer.Ordinal);
                var fn = new TemplateFunction(
                    resource.Name,
                    p.GetProperty("Handler").GetString()!,
                    p.GetProperty("Runtime").GetString()!,
                    p.GetProperty("Architectures")[0].GetString()!,
                    p.GetProperty("MemorySize").GetInt32(),
                    variables);
                result.Add(fn.Handler, fn);
            }

            return result;
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static object? ToObject(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)!),
        JsonValueKind.Array => e.EnumerateArray().Select(ToObject).ToArray(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
