using System.Xml.Linq;
using Frgm.TestSupport;

namespace Frgm.Functions.Tests.Packaging;

/// <summary>
/// The bootstrap is published again only when one of its inputs changes, so a project missing from the list would
/// leave a stale binary under the tests. The project folders listed must be the Functions project's whole
/// ProjectReference closure (read from the project files, since a referenced project of constants leaves no trace in
/// the compiled references).
/// </summary>
public sealed class BootstrapInputsTests
{
    [Fact]
    public void The_listed_project_folders_are_the_functions_projects_whole_reference_closure()
    {
        var listed = BootstrapBinary.Inputs().Where(path => path.StartsWith("lambdas/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(ProjectClosure("lambdas/Frgm.Functions/Frgm.Functions.csproj").Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void The_shared_build_files_are_inputs_and_every_listed_path_exists()
    {
        var inputs = BootstrapBinary.Inputs();

        Assert.Contains("Directory.Build.props", inputs);
        Assert.Contains("Directory.Packages.props", inputs);
        Assert.All(inputs, path => Assert.True(
            File.Exists(Path.Combine(RepoPaths.Root, path)) || Directory.Exists(Path.Combine(RepoPaths.Root, path)),
            $"{path} (in {BootstrapBinary.InputsFile}) does not exist"));
    }

    /// <summary>The folders (relative to the root, '/'-separated) of a project and of every project it references.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(Path.Combine(RepoPaths.Root, project))]);
        while (pending.TryPop(out var path))
        {
            if (!folders.Add(Path.GetRelativePath(RepoPaths.Root, Path.GetDirectoryName(path)!).Replace('\\', '/')))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include)));
            }
        }

        return folders;
    }
}
