using Microsoft.Extensions.Configuration;

namespace Frgm.Functions.Hosting;

/// <summary>
/// A Lambda's configuration is its environment: <c>Frgm__Aws__HistoryTable</c> is read as <c>Frgm:Aws:HistoryTable</c>,
/// the same key the dashboard binds, by the same source-generated binder.
/// </summary>
public static class LambdaConfiguration
{
    public static IConfiguration FromEnvironment() => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    /// <summary>The configuration a process with exactly these environment variables would have (tests, the benchmarks).</summary>
    public static IConfiguration FromVariables(IEnumerable<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(v => KeyValuePair.Create(v.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)v.Value)))
            .Build();
    }

    /// <summary>Reads an environment variable by its own name (<c>Frgm__Secrets__x</c>, <c>AWS_SESSION_TOKEN</c>) from the configuration.</summary>
    public static string? Variable(this IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(name);
        return configuration[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)];
    }
}
