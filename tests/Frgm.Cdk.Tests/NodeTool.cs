using System.Diagnostics;
using Frgm.TestSupport;

namespace Frgm.Cdk.Tests;

/// <summary>Runs a node script or an npm-installed command from the repository root and captures its output.</summary>
internal static class NodeTool
{
    public static (int Exit, string Stdout, string Stderr) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // npm's shims are `#!/usr/bin/env node` scripts: node 22 from node_modules/.bin first.
        info.Environment["PATH"] = Path.Combine(RepoPaths.NodeModules, ".bin") + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static (int Exit, string Stdout, string Stderr) Script(string relativePath, params string[] args) =>
        Run(RepoPaths.Node, [Path.Combine(RepoPaths.Root, relativePath), .. args]);

    public static string Bin(string name) => Path.Combine(RepoPaths.NodeModules, ".bin", name);
}
