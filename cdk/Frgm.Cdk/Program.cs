using Amazon.CDK;
using Frgm.Cdk.Config;

namespace Frgm.Cdk;

internal static class Program
{
    private static int Main()
    {
        var app = new App();
        try
        {
            FrgmApp.Build(app, FindRepositoryRoot());
        }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine("FRGM CDK: " + ex.Message);
            return 1;
        }

        app.Synth();
        return 0;
    }

    /// <summary>The CDK CLI runs the app from the folder holding cdk.json, the repository root.</summary>
    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Frgm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new ConfigException("run from the repository (no Frgm.sln above " + Directory.GetCurrentDirectory() + ")");
    }
}
