using Amazon.CDK.AWS.CloudWatch;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>Alarms on the application's own EMF metrics: feed staleness, business alarms, TT polling, failed files.</summary>
public sealed class BusinessAlarms
{
    public BusinessAlarms(AlarmFactory alarms, EnvironmentConfig config, FrgmMetrics metrics)
    {
        var env = config.Name;
        var t = config.Thresholds;

        // Missing FeedAgeSeconds means the alarm sweep itself is not reporting: treat as stale.
        alarms.Create("MarketDataStale", "Feed market-data", metrics.FeedAgeSeconds("market-data"),
            new AlarmText("no market data within threshold", $"Actant upload to the actant bucket (market-data/), ledger GET /api/files, ingest logs /aws/lambda/frgm-{env}-ingest"),
            t.MarketDataStaleSeconds, ComparisonOperator.GREATER_THAN_THRESHOLD, 3, TreatMissingData.BREACHING);
        alarms.Create("TradesStale", "Feed trades", metrics.FeedAgeSeconds("trades"),
            new AlarmText("no trade file within threshold", $"SFTP uploads (Transfer Family logs /aws/transfer/...), trades bucket trades/, ingest logs /aws/lambda/frgm-{env}-ingest"),
            t.TradesStaleSeconds, ComparisonOperator.GREATER_THAN_THRESHOLD, 3, TreatMissingData.BREACHING);
        if (config.TtPoller.Enabled)
        {
            alarms.Create("TtPollStale", "Feed tt-poll", metrics.FeedAgeSeconds("tt-poll"),
                new AlarmText("no successful TT poll within threshold", $"TT poller logs /aws/lambda/frgm-{env}-tt-poller; TT credentials secret frgm/{env}/tt-credentials"),
                t.TtPollStaleSeconds, ComparisonOperator.GREATER_THAN_THRESHOLD, 3, TreatMissingData.BREACHING);
            alarms.Create("TtPollFailures", "TT poller", metrics.TtPolls("failure"),
                new AlarmText("TT polls failing", $"TT poller logs /aws/lambda/frgm-{env}-tt-poller (token, 429 rate limits, 5xx from TT)"),
                2);
        }

        alarms.Create("CriticalBusinessAlarm", "Risk", metrics.AlarmsRaised("CRITICAL"),
            new AlarmText("CRITICAL business alarm raised", "dashboard Alarms tab (GET /api/alarms?state=ACTIVE)"), 1);

        foreach (var feed in FrgmMetrics.FeedKinds)
        {
            alarms.Create($"FilesFailed{Id(feed)}", $"Feed {feed}", metrics.FilesProcessed(feed, "FAILED"),
                new AlarmText("file ingestion FAILED", $"ledger GET /api/files?status=FAILED (error message per file), ingest logs /aws/lambda/frgm-{env}-ingest"), 1);
        }

        alarms.Create("SlackNotifyFailures", "Slack notifier", metrics.SlackNotifications("failure"),
            new AlarmText("business alarms not reaching Slack", $"notifier logs /aws/lambda/frgm-{env}-slack-notifier; webhook secret frgm/{env}/slack-webhook"), 1);
    }

    private static string Id(string feed) => string.Concat(feed.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
