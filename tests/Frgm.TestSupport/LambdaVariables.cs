using System.Globalization;

namespace Frgm.TestSupport;

/// <summary>
/// The variables Lambda itself sets in a provided.al2023 function's process (AWS docs, "Defined runtime
/// environment variables"): what a bootstrap sees before any variable of the function's own.
/// </summary>
public static class LambdaVariables
{
    public const string SessionToken = "IQoJb3JpZ2luX2VjEMr//////////test-session-token";

    public static Dictionary<string, string> For(string handler, string runtimeApi, int memoryMiB, string functionName)
    {
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
            ["_HANDLER"] = handler,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_LAMBDA_FUNCTION_NAME"] = functionName,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = memoryMiB.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + functionName,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/11/20/[$LATEST]0123456789abcdef0123456789abcdef",
            ["AWS_ACCESS_KEY_ID"] = "ASIATESTTESTTESTTEST",
            ["AWS_SECRET_ACCESS_KEY"] = "testtesttesttesttesttesttesttesttesttest",
            ["AWS_SESSION_TOKEN"] = SessionToken,
            ["LAMBDA_TASK_ROOT"] = "/var/task",
            ["LAMBDA_RUNTIME_DIR"] = "/var/runtime",
            ["LANG"] = "en_US.UTF-8",
            ["TZ"] = ":UTC",
            ["PATH"] = "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
            ["LD_LIBRARY_PATH"] = "/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib",
        };
    }
}
