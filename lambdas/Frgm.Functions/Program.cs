using Frgm.Functions.Runner;
using Frgm.Functions.Runtime;

namespace Frgm.Functions;

/// <summary>
/// One executable, two jobs: in Lambda (AWS_LAMBDA_RUNTIME_API set) it is the custom runtime's bootstrap;
/// anywhere else it is the local runner.
/// </summary>
internal static class Program
{
    private static Task<int> Main(string[] args) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(LambdaBootstrap.RuntimeApiVariable))
            ? LocalRunner.RunAsync(args, Console.Out, Console.Error)
            : LambdaBootstrap.RunAsync(Environment.GetEnvironmentVariable, Console.Out);
}
