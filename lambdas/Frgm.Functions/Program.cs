using Frgm.Functions.Runner;

namespace Frgm.Functions;

/// <summary>The local runner (Lambda never calls Main: it loads the handler classes directly).</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => LocalRunner.RunAsync(args, Console.Out, Console.Error);
}
