namespace Frgm.Application.Ports;

/// <summary>A backing store that /ready can ask; Name is what the 503 body names (e.g. "redis", "dynamodb").</summary>
public interface IStoreProbe
{
    string Name { get; }

    Task PingAsync(CancellationToken ct);
}
