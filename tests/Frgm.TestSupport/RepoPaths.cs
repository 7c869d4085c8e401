namespace Frgm.TestSupport;

/// <summary>Locates the repository, its node_modules and its sample feed files from any test's bin folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    /// <summary>npm's tools (node 22, jsii's CDK, DynamoDB Local, s3rver, validators): server-backed tests only.</summary>
    public static string NodeModules
    {
        get
        {
            ServerTests.EnsureAllowed("node_modules");
            return Path.Combine(Root, "node_modules");
        }
    }

    /// <summary>node 22 installed by npm (package.json); the machine's node otherwise.</summary>
    public static string Node
    {
        get
        {
            var local = Path.Combine(NodeModules, ".bin", "node");
            return File.Exists(local) ? local : "node";
        }
    }

    /// <summary>
    /// <c>docs/samples</c>: the sample feed files the docs describe, inside the repository so that a clone on its
    /// own runs every test.
    /// </summary>
    public static string Samples
    {
        get
        {
            var samples = Path.Combine(Root, "docs", "samples");
            return Directory.Exists(samples)
                ? samples
                : throw new DirectoryNotFoundException($"feed samples not found at {samples}");
        }
    }

    public static string Sample(string relative) => Path.Combine(Samples, relative);

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("FRGM_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "Frgm.sln")))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Frgm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Frgm.sln not found above " + AppContext.BaseDirectory);
    }
}
