namespace Frgm.Functions.Local;

internal static class Program
{
    private static Task<int> Main(string[] args) => LocalRunner.RunAsync(args, Console.Out, Console.Error);
}
