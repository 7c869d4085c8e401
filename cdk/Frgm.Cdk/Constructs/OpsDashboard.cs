using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Frgm.Cdk.Config;
using Frgm.Cdk.Stacks;
using Constructs;

namespace Frgm.Cdk.Constructs;

/// <summary>The CloudWatch dashboard <c>frgm-&lt;env&gt;</c>: feeds first, then the services behind them.</summary>
public static class OpsDashboard
{
    public static Dashboard Create(Construct scope, EnvironmentConfig config, FrgmMetrics metrics, DataStack data, IngestStack ingest, DashboardStack dashboard)
    {
        var board = new Dashboard(scope, "OpsDashboard", new DashboardProps
        {
            DashboardName = $"frgm-{config.Name}",
            DefaultInterval = Duration.Hours(6),
        });

        board.AddWidgets(
            Graph("Feed age (s)", [.. FrgmMetrics.AgedFeeds.Select(metrics.FeedAgeSeconds)]),
            Graph("Files processed OK / FAILED", [.. FrgmMetrics.FeedKinds.Select(f => metrics.FilesProcessed(f, "COMPLETED")), .. FrgmMetrics.FeedKinds.Select(f => metrics.FilesProcessed(f, "FAILED"))]),
            Graph("Rows ingested / rejected", [.. FrgmMetrics.FeedKinds.Select(metrics.RowsIngested), .. FrgmMetrics.FeedKinds.Select(metrics.RowsRejected)]));
        board.AddWidgets(
            Graph("Ingest latency p95 (ms)", [.. FrgmMetrics.FeedKinds.Select(metrics.IngestLatencyMs)]),
            Graph("Business alarms raised", [metrics.AlarmsRaised("CRITICAL"), metrics.AlarmsRaised("WARNING"), metrics.AlarmsRaised("INFO")]),
            Graph("TT polls / Slack notifications", [metrics.TtPolls("success"), metrics.TtPolls("failure"), metrics.SlackNotifications("success"), metrics.SlackNotifications("failure")]));
        board.AddWidgets(
            Graph("Lambda errors", [.. ingest.Functions.Select(f => f.Function.MetricErrors())]),
            Graph("Lambda duration p99", [.. ingest.Functions.Select(f => f.Function.MetricDuration(new MetricOptions { Statistic = "p99" }))]),
            Graph("Queue depth (feeds and DLQs)", [
                .. data.FeedQueues.Values.Select(q => q.Queue.MetricApproximateNumberOfMessagesVisible()),
                .. AlertingStack.DeadLetterQueues(data, ingest).Select(d => d.Queue.MetricApproximateNumberOfMessagesVisible()),
            ]));
        board.AddWidgets(
            Graph("Dashboard CPU / memory %", [dashboard.Service.MetricCpuUtilization(), dashboard.Service.MetricMemoryUtilization()]),
            Graph("ALB requests / target 5xx", [
                dashboard.Alb.Metrics.RequestCount(),
                dashboard.Alb.Metrics.HttpCodeTarget(Amazon.CDK.AWS.ElasticLoadBalancingV2.HttpCodeTarget.TARGET_5XX_COUNT),
            ]),
            Graph("DynamoDB consumed capacity", [
                .. data.Tables.Select(t => t.MetricConsumedReadCapacityUnits()),
                .. data.Tables.Select(t => t.MetricConsumedWriteCapacityUnits()),
            ]));
        return board;
    }

    private static GraphWidget Graph(string title, IMetric[] metrics) => new(new GraphWidgetProps
    {
        Title = title,
        Left = metrics,
        Width = 8,
        Height = 6,
    });
}
