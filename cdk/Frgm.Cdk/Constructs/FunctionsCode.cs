using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// The one Lambda package every function runs: the Native AOT <c>bootstrap</c> of lambdas/Frgm.Functions for
/// linux-arm64 (custom runtime provided.al2023; each function picks its handler by name). Local bundling runs
/// publish-bootstrap.sh on this machine (it needs the cross toolchain on x64: cdk/README.md); the Docker image
/// is the fallback CDK requires, and installs the same toolchain before publishing.
/// </summary>
public static class FunctionsCode
{
    public const string Project = "lambdas/Frgm.Functions/Frgm.Functions.csproj";

    public const string PublishScript = "lambdas/Frgm.Functions/publish-bootstrap.sh";

    public const string RuntimeIdentifier = "linux-arm64";

    /// <summary>Debian packages that cross-link arm64 Native AOT code on x64.</summary>
    public static readonly string[] CrossToolchain = ["clang", "binutils-aarch64-linux-gnu", "gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross"];

    public static AssetCode Create(string repoRoot) => Code.FromAsset(repoRoot, new Amazon.CDK.AWS.S3.Assets.AssetOptions
    {
        // Hash the publish output: it reflects every input (sources, Directory.*.props) and nothing else.
        AssetHashType = AssetHashType.OUTPUT,
        Exclude = ["node_modules", "cdk.out", ".git", "**/bin", "**/obj", "tests", "dashboard", "cdk", ".frgm", "artifacts"],
        Bundling = new BundlingOptions
        {
            Image = DockerImage.FromRegistry("mcr.microsoft.com/dotnet/sdk:10.0"),
            Command =
            [
                "bash", "-c",
                $"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends {string.Join(' ', CrossToolchain)} >/dev/null"
                + $" && bash {PublishScript} {RuntimeIdentifier} /asset-output",
            ],
            Local = new DotnetPublishBundling(repoRoot, PublishScript, RuntimeIdentifier),
            User = "root",
        },
    });
}
