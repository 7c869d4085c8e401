using Frgm.Functions.Hosting;
using Frgm.Functions.Runtime;

namespace Frgm.Functions;

/// <summary>
/// The custom runtime's bootstrap. It only makes sense under a Lambda Runtime API (AWS_LAMBDA_RUNTIME_API);
/// handlers are run by hand with the local runner (lambdas/Frgm.Functions.Local), which this package does not carry.
/// </summary>
internal static class Program
{
    private static async Task<int> Main()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(LambdaBootstrap.RuntimeApiVariable)))
        {
            await Console.Error.WriteLineAsync(
                $"error: {LambdaBootstrap.RuntimeApiVariable} is not set. This is the Lambda bootstrap; to run a handler on this machine use " +
                "dotnet run --project lambdas/Frgm.Functions.Local -- --help");
            return 2;
        }

        return await LambdaBootstrap.RunAsync(LambdaConfiguration.FromEnvironment(), Console.Out);
    }
}
