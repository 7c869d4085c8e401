using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// The single publish folder of lambdas/Frgm.Functions that every function runs from (each with its own
/// handler). Local bundling runs dotnet; the Docker image is the fallback CDK requires.
/// </summary>
public static class FunctionsCode
{
    public const string Project = "lambdas/Frgm.Functions/Frgm.Functions.csproj";

    public static AssetCode Create(string repoRoot) => Code.FromAsset(repoRoot, new Amazon.CDK.AWS.S3.Assets.AssetOptions
    {
        // Hash the publish output: it reflects every input (sources, Directory.*.props) and nothing else.
        AssetHashType = AssetHashType.OUTPUT,
        Exclude = ["node_modules", "cdk.out", ".git", "**/bin", "**/obj", "tests", "dashboard", "cdk", ".frgm", "artifacts"],
        Bundling = new BundlingOptions
        {
            Image = DockerImage.FromRegistry("mcr.microsoft.com/dotnet/sdk:10.0"),
            Command = ["bash", "-c", $"dotnet publish {Project} -c Release -p:UseAppHost=false -nologo -o /asset-output"],
            Local = new DotnetPublishBundling(repoRoot, Project),
            User = "root",
        },
    });
}
