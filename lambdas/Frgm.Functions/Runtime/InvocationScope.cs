namespace Frgm.Functions.Runtime;

/// <summary>
/// The request id of the invocation the current async flow serves, so every log line of that invocation
/// carries it (CloudWatch Logs Insights can then filter one invocation's lines).
/// </summary>
public static class InvocationScope
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? RequestId => Current.Value;

    /// <summary>Sets the request id for the calling flow and what it starts; clears it on dispose.</summary>
    public static IDisposable Begin(string requestId)
    {
        Current.Value = requestId;
        return new End();
    }

    private sealed class End : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }
}
