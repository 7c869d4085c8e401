using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// The application's EMF metrics (namespace FRGM) with their fixed dimension sets; an alarm must name every
/// dimension of the set or it watches a metric that is never published.
/// </summary>
public sealed class FrgmMetrics(string environment)
{
    public const string Namespace = "FRGM";

    /// <summary>Feed kinds as WireNames.Of(FeedKind) spells them.</summary>
    public static readonly IReadOnlyList<string> FeedKinds = ["market-data", "eod", "sod", "trades", "working-orders"];

    /// <summary>Feeds whose age the alarm sweep reports in FeedAgeSeconds.</summary>
    public static readonly IReadOnlyList<string> AgedFeeds = ["market-data", "trades", "tt-poll"];

    public Metric FilesProcessed(string feed, string status) =>
        Make("FilesProcessed", "Sum", Duration.Minutes(5), ("Feed", feed), ("Status", status));

    public Metric RowsIngested(string feed) => Make("RowsIngested", "Sum", Duration.Minutes(5), ("Feed", feed));

    public Metric RowsRejected(string feed) => Make("RowsRejected", "Sum", Duration.Minutes(5), ("Feed", feed));

    public Metric IngestLatencyMs(string feed) => Make("IngestLatencyMs", "p95", Duration.Minutes(5), ("Feed", feed));

    public Metric AlarmsRaised(string severity) => Make("AlarmsRaised", "Sum", Duration.Minutes(1), ("Severity", severity));

    public Metric TtPolls(string outcome) => Make("TtPolls", "Sum", Duration.Minutes(5), ("Outcome", outcome));

    public Metric FeedAgeSeconds(string feed) => Make("FeedAgeSeconds", "Maximum", Duration.Minutes(1), ("Feed", feed));

    public Metric SlackNotifications(string outcome) => Make("SlackNotifications", "Sum", Duration.Minutes(5), ("Outcome", outcome));

    private Metric Make(string name, string statistic, Duration period, params (string Name, string Value)[] dimensions)
    {
        var map = new Dictionary<string, string> { ["Environment"] = environment };
        foreach (var (key, value) in dimensions)
        {
            map[key] = value;
        }

        return new Metric(new MetricProps
        {
            Namespace = Namespace,
            MetricName = name,
            DimensionsMap = map,
            Statistic = statistic,
            Period = period,
        });
    }
}
