using Amazon.CDK.AWS.Ecr.Assets;
using Amazon.CDK.AWS.ECS;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// Where the dashboard image is built from: the repository root with dashboard/Dockerfile (built by
/// <c>cdk deploy</c> on the engineer's machine). The build context leaves out everything the image never needs.
/// </summary>
public sealed record DashboardImage(string Directory, string DockerfilePath)
{
    public const string Dockerfile = "dashboard/Dockerfile";

    public static readonly string[] Excluded = ["node_modules", "cdk.out", ".git", "**/bin", "**/obj", "tests", ".frgm"];

    public static DashboardImage FromRepository(string repoRoot) => new(repoRoot, Dockerfile);

    public ContainerImage ToContainerImage()
    {
        if (!File.Exists(Path.Combine(Directory, DockerfilePath)))
        {
            throw new FileNotFoundException(
                $"{DockerfilePath} not found under {Directory}: the dashboard image is built from it (merge the dashboard work from main).");
        }

        return ContainerImage.FromAsset(Directory, new AssetImageProps
        {
            File = DockerfilePath,
            Exclude = Excluded,
            Platform = Platform_.LINUX_AMD64,
        });
    }
}
