namespace Frgm.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/Frgm.Benchmarks -- [name ...] [--rows N]
/// Runs the named benchmarks (all when none is named). Each prints its own numbers.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var all = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("usage: dotnet run -c Release --project tests/Frgm.Benchmarks -- [name ...] [--rows N]");
            foreach (var b in all)
            {
                Console.WriteLine($"  {b.Name,-20} {b.Description}");
            }

            return 0;
        }

        var options = BenchmarkOptions.Parse(args);
        var selected = options.Names.Count == 0 ? all : all.Where(b => options.Names.Contains(b.Name)).ToList();
        var unknown = options.Names.Except(all.Select(b => b.Name)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown benchmark(s): {string.Join(", ", unknown)}; try --help");
            return 2;
        }

        foreach (var benchmark in selected)
        {
            Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
            await benchmark.RunAsync(options);
        }

        return 0;
    }
}

/// <summary>A benchmark discovered by reflection: add a class, nothing else to register.</summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchmarkOptions options);
}

internal sealed record BenchmarkOptions(IReadOnlyList<string> Names, int? Rows, string WorkDir)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var names = new List<string>();
        int? rows = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rows" && i + 1 < args.Length)
            {
                rows = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                names.Add(args[i]);
            }
        }

        var work = Path.Combine(Path.GetTempPath(), "frgm-bench");
        Directory.CreateDirectory(work);
        return new BenchmarkOptions(names, rows, work);
    }
}
