using System.Text.Json;
using Frgm.TestSupport;

namespace Frgm.Functions.Tests.Runtime;

/// <summary>
/// The environment Lambda gives a custom-runtime process: the variables Lambda itself sets, plus the function's
/// own variables from the synthesized template. A template value that is a CloudFormation reference (an ARN, the
/// MemoryDB endpoint) needs a local value; a local value for a name the template does not set is an error, so a
/// setting renamed in the CDK fails here. The only variables added are the few in <see cref="LocalAdditions"/>.
/// </summary>
public static class LambdaEnvironment
{
    /// <summary>Names a test may add although the template does not set them: where the local servers are (a real
    /// function reaches AWS endpoints by region), the TT poll interval (30 s in AWS, shortened for the test), and the MemoryDB connect timeout (an emulated
    /// arm64 CPU on a loaded 2-core machine needs more than AWS's 5 s for the TLS handshake).</summary>
    public static readonly IReadOnlySet<string> LocalAdditions = new HashSet<string>(StringComparer.Ordinal)
    {
        "Frgm__Aws__DynamoDbServiceUrl",
        "Frgm__Aws__S3ServiceUrl",
        "Frgm__Aws__RedisCaCertificatePath",
        "Frgm__Tt__PollIntervalSeconds",
        "Frgm__Aws__RedisConnectTimeoutSeconds",
    };

    public const string SessionToken = LambdaVariables.SessionToken;

    public static Dictionary<string, string> For(
        TemplateFunction function,
        string runtimeApi,
        IReadOnlyDictionary<string, string> localValues,
        IReadOnlyDictionary<string, string> additions)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(localValues);
        ArgumentNullException.ThrowIfNull(additions);
        var env = LambdaVariables.For(function.Handler, runtimeApi, function.MemoryMiB, "frgm-dev-" + function.Handler);

        foreach (var local in localValues.Keys.Where(k => !function.Variables.ContainsKey(k)))
        {
            throw new InvalidOperationException($"the test sets {local} for {function.Handler}, but the template does not: renamed in the CDK?");
        }

        foreach (var (variable, value) in function.Variables)
        {
            if (localValues.TryGetValue(variable, out var local))
            {
                env[variable] = local;
            }
            else if (value.ValueKind == JsonValueKind.String)
            {
                env[variable] = value.GetString()!;
            }
            else
            {
                throw new InvalidOperationException($"{function.Handler}: template variable {variable} is a reference ({value}) the test gives no local value for");
            }
        }

        foreach (var (variable, value) in additions)
        {
            if (!LocalAdditions.Contains(variable) || function.Variables.ContainsKey(variable))
            {
                throw new InvalidOperationException($"{variable} is not a local redirection (allowed: {string.Join(", ", LocalAdditions)}, and only when the template does not set it)");
            }

            env[variable] = value;
        }

        return env;
    }
}
