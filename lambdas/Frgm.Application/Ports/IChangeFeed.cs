namespace Frgm.Application.Ports;

/// <summary>Change notifications for the dashboard: Redis pub/sub in AWS, in-process embedded.</summary>
public interface IChangeFeed
{
    Task PublishAsync(ChangeEvent change, CancellationToken ct);

    /// <summary>Delivers every change published after the call until <paramref name="ct"/> is cancelled.</summary>
    IAsyncEnumerable<ChangeEvent> SubscribeAsync(CancellationToken ct);
}

/// <summary>One change: its topic, when, and an optional detail (a date, an alarm id, a file key).</summary>
public sealed record ChangeEvent(ChangeTopic Topic, DateTimeOffset At, string? Detail);
