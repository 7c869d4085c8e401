using System.Diagnostics;
using Amazon.CDK;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// Local bundling for the Lambda code: runs publish-bootstrap.sh (Native AOT <c>dotnet publish -r linux-arm64
/// -p:PublishAot=true</c>, output renamed to <c>bootstrap</c>) on this machine during synth, no Docker.
/// Returning false (no dotnet SDK, or no cross toolchain on an x64 machine) lets CDK fall back to the Docker
/// image in <see cref="FunctionsCode"/>.
/// </summary>
/// <remarks>Derives from DeputyBase so jsii can call it back from the node side of the CDK.</remarks>
public sealed class DotnetPublishBundling(string repoRoot, string scriptPath, string runtimeIdentifier) : Amazon.JSII.Runtime.Deputy.DeputyBase, ILocalBundling
{
    /// <summary>publish-bootstrap.sh's exit code when the arm64 cross toolchain is missing.</summary>
    public const int MissingToolchainExitCode = 3;

    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = repoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { scriptPath, runtimeIdentifier, outputDir })
        {
            info.ArgumentList.Add(arg);
        }

        if (!CommandExists("dotnet"))
        {
            return false; // no dotnet SDK here: use the Docker image
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode == MissingToolchainExitCode)
        {
            Console.Error.WriteLine(stderr.Result.Trim() + " Falling back to Docker bundling.");
            return false;
        }

        if (process.ExitCode != 0)
        {
            // A compile error would fail the same way in Docker; show it rather than retry there.
            throw new InvalidOperationException(
                $"{scriptPath} {runtimeIdentifier} failed with exit code {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }

        return true;
    }

    private static bool CommandExists(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));
}
