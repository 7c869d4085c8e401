namespace Frgm.Functions.Observability;

/// <summary>
/// The platform's metrics with their FIXED names and dimension sets: the CDK alarms select on exactly these,
/// so a renamed dimension silently disables an alarm. Environment is always the first dimension.
/// </summary>
public sealed class FrgmMetrics
{
    public const string FilesProcessedName = "FilesProcessed";
    public const string RowsIngestedName = "RowsIngested";
    public const string RowsRejectedName = "RowsRejected";
    public const string IngestLatencyMsName = "IngestLatencyMs";
    public const string AlarmsRaisedName = "AlarmsRaised";
    public const string TtPollsName = "TtPolls";
    public const string FeedAgeSecondsName = "FeedAgeSeconds";
    public const string SlackNotificationsName = "SlackNotifications";

    /// <summary>The feeds whose age the sweep reports (feed timestamp wire names).</summary>
    public static readonly IReadOnlyList<string> WatchedFeeds = ["market-data", "trades", "tt-poll"];

    private readonly EmfWriter _writer;

    public FrgmMetrics(EmfWriter writer, string environment)
    {
        _writer = writer;
        Environment = environment;
    }

    public string Environment { get; }

    public void FileProcessed(string feed, string status) =>
        Emit(FilesProcessedName, 1, "Count", ("Feed", feed), ("Status", status));

    public void RowsIngested(string feed, int rows) => Emit(RowsIngestedName, rows, "Count", ("Feed", feed));

    public void RowsRejected(string feed, int rows) => Emit(RowsRejectedName, rows, "Count", ("Feed", feed));

    public void IngestLatency(string feed, TimeSpan latency) =>
        Emit(IngestLatencyMsName, Math.Max(0, latency.TotalMilliseconds), "Milliseconds", ("Feed", feed));

    public void AlarmRaised(string severity) => Emit(AlarmsRaisedName, 1, "Count", ("Severity", severity));

    /// <summary>outcome: success or failure.</summary>
    public void TtPoll(string outcome) => Emit(TtPollsName, 1, "Count", ("Outcome", outcome));

    public void FeedAge(string feed, TimeSpan age) =>
        Emit(FeedAgeSecondsName, Math.Max(0, age.TotalSeconds), "Seconds", ("Feed", feed));

    /// <summary>outcome: sent, rejected (4xx, not retried) or failed (retries exhausted).</summary>
    public void SlackNotification(string outcome) => Emit(SlackNotificationsName, 1, "Count", ("Outcome", outcome));

    private void Emit(string metric, double value, string unit, params (string Name, string Value)[] dimensions)
    {
        var all = new List<KeyValuePair<string, string>>(dimensions.Length + 1) { new("Environment", Environment) };
        all.AddRange(dimensions.Select(d => new KeyValuePair<string, string>(d.Name, d.Value)));
        _writer.Write(metric, value, unit, all);
    }
}
