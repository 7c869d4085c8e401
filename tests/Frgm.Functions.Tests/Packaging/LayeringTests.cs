using System.Reflection;
using Frgm.Application.Ingestion;
using Frgm.Domain.Model;
using Frgm.Functions.Runtime;
using Frgm.Storage.Aws;
using Frgm.Storage.Embedded;

namespace Frgm.Functions.Tests.Packaging;

/// <summary>
/// The project graph is the architecture: domain ← application ← adapters ← hosts. These read the compiled
/// references (transitively), so a stray ProjectReference or package fails here, not in a reviewer's head.
/// </summary>
public sealed class LayeringTests
{
    [Fact]
    public void The_lambda_package_carries_no_sqlite_and_no_embedded_adapter()
    {
        var closure = ReferenceClosure(typeof(LambdaBootstrap).Assembly);

        Assert.Contains("Frgm.Storage.Aws", closure);
        Assert.DoesNotContain(closure, n => n.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
            || n.StartsWith("SQLitePCLRaw", StringComparison.Ordinal)
            || n == "Frgm.Storage.Embedded");
    }

    [Fact]
    public void The_application_layer_knows_no_store_and_the_domain_knows_nothing_of_frgm_beyond_itself()
    {
        var application = ReferenceClosure(typeof(IngestionService).Assembly);
        Assert.DoesNotContain(application, n => n.StartsWith("Frgm.Storage", StringComparison.Ordinal)
            || n.StartsWith("AWSSDK", StringComparison.Ordinal) || n.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal));

        var domain = ReferenceClosure(typeof(Instrument).Assembly);
        Assert.DoesNotContain(domain, n => n.StartsWith("Frgm.", StringComparison.Ordinal) && n != "Frgm.Domain");
    }

    [Fact]
    public void Each_adapter_project_stands_alone()
    {
        Assert.DoesNotContain("Frgm.Storage.Aws", ReferenceClosure(typeof(EmbeddedStorage).Assembly));
        Assert.DoesNotContain("Frgm.Storage.Embedded", ReferenceClosure(typeof(AwsSettings).Assembly));
    }

    private static HashSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (name.Name is { } n && !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && seen.Add(n))
                {
                    pending.Push(Assembly.Load(name));
                }
            }
        }

        return seen;
    }
}
