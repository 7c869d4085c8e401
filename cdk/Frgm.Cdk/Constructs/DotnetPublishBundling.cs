using System.Diagnostics;
using Amazon.CDK;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// Local bundling for the Lambda code: runs <c>dotnet publish -c Release -p:UseAppHost=false</c> on this
/// machine during synth (no Docker). The portable, framework-dependent output runs on arm64 Lambda.
/// Returning false lets CDK fall back to the Docker image in <see cref="FunctionsCode"/>.
/// </summary>
/// <remarks>Derives from DeputyBase so jsii can call it back from the node side of the CDK.</remarks>
public sealed class DotnetPublishBundling(string repoRoot, string projectPath) : Amazon.JSII.Runtime.Deputy.DeputyBase, ILocalBundling
{
    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "publish", projectPath, "-c", "Release", "-p:UseAppHost=false", "-nologo", "-o", outputDir })
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no dotnet SDK here: use the Docker image
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                // A compile error would fail the same way in Docker; show it rather than retry there.
                throw new InvalidOperationException(
                    $"dotnet publish {projectPath} failed with exit code {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
            }
        }

        return true;
    }
}
