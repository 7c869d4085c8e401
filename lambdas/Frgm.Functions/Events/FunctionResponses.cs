using System.Text.Json.Serialization;

namespace Frgm.Functions.Events;

/// <summary>What the TT poller returns: one entry per poll in the invocation.</summary>
public sealed class TtPollerResponse
{
    [JsonPropertyName("polls")]
    public List<TtPollReport> Polls { get; set; } = [];
}

public sealed class TtPollReport
{
    /// <summary>success, failure, or skipped (no time left in the invocation's budget).</summary>
    [JsonPropertyName("outcome")]
    public string Outcome { get; set; } = string.Empty;

    [JsonPropertyName("at")]
    public DateTimeOffset At { get; set; }

    [JsonPropertyName("orders")]
    public int? Orders { get; set; }

    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

/// <summary>What the alarm sweep returns.</summary>
public sealed class AlarmSweepResponse
{
    [JsonPropertyName("changed_alarms")]
    public int ChangedAlarms { get; set; }

    /// <summary>Seconds since each watched feed last succeeded; a feed that never did is absent.</summary>
    [JsonPropertyName("feed_age_seconds")]
    public Dictionary<string, double> FeedAgeSeconds { get; set; } = new(StringComparer.Ordinal);
}
