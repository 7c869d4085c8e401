namespace Frgm.Functions.Runtime;

/// <summary>One event as <c>GET /runtime/invocation/next</c> hands it over.</summary>
/// <param name="Deadline">From <c>Lambda-Runtime-Deadline-Ms</c> (Unix epoch milliseconds).</param>
public sealed record Invocation(string RequestId, DateTimeOffset Deadline, string? TraceId, string? FunctionArn, byte[] Event);
