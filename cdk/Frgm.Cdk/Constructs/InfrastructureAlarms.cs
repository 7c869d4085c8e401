using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Frgm.Cdk.Config;
using Frgm.Cdk.Stacks;

namespace Frgm.Cdk.Constructs;

/// <summary>Alarms on AWS service metrics: Lambda, DLQs, MemoryDB, ECS, ALB, DynamoDB.</summary>
public sealed class InfrastructureAlarms
{
    public InfrastructureAlarms(AlarmFactory alarms, EnvironmentConfig config, DataStack data, IngestStack ingest, DashboardStack dashboard)
    {
        var env = config.Name;
        foreach (var fn in ingest.Functions)
        {
            var name = fn.Node.Id;
            var where = $"function {fn.PhysicalName}, logs /aws/lambda/{fn.PhysicalName}";
            alarms.Create($"{name}Errors", $"Lambda {fn.ShortName}", fn.Function.MetricErrors(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Sum" }),
                new AlarmText("function errors", where), config.Thresholds.LambdaErrors);
            alarms.Create($"{name}Throttles", $"Lambda {fn.ShortName}", fn.Function.MetricThrottles(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Sum" }),
                new AlarmText("function throttled", where + "; check reserved/max concurrency and account limits"), 1);
            var timeoutMs = fn.Function.Timeout!.ToMilliseconds();
            alarms.Create($"{name}Duration", $"Lambda {fn.ShortName}", fn.Function.MetricDuration(new MetricOptions { Period = Duration.Minutes(5), Statistic = "p99" }),
                new AlarmText("p99 duration near timeout", where + "; slow MemoryDB/DynamoDB/TT calls show in the logs"), 0.8 * timeoutMs,
                ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 2);
        }

        foreach (var (name, queue) in AlertingStack.DeadLetterQueues(data, ingest))
        {
            alarms.Create($"Dlq{Id(name)}", $"SQS {name}",
                queue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Maximum" }),
                new AlarmText("messages in dead-letter queue", $"the DLQ's messages and the failed file's ledger entry (GET /api/files?status=FAILED); re-drive per the README"),
                config.Thresholds.DlqDepth);
        }

        var cluster = data.MemoryDb.Cluster.ClusterName!;
        for (var shard = 1; shard <= config.MemoryDb.Shards; shard++)
        {
            for (var node = 1; node <= 1 + config.MemoryDb.ReplicasPerShard; node++)
            {
                // MemoryDB publishes per node; node names follow <cluster>-<shard:0000>-<node:000>.
                var nodeName = $"{cluster}-{shard:D4}-{node:D3}";
                alarms.Create($"MemoryDbCpu{shard}x{node}", $"MemoryDB {nodeName}", MemoryDbMetric("EngineCPUUtilization", cluster, nodeName),
                    new AlarmText("engine CPU high", "MemoryDB console, cluster metrics; slow commands in SLOWLOG"), 80, ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
                alarms.Create($"MemoryDbMemory{shard}x{node}", $"MemoryDB {nodeName}", MemoryDbMetric("DatabaseMemoryUsagePercentage", cluster, nodeName),
                    new AlarmText("memory usage high", "MemoryDB console; key growth (TTL on snapshots) or a larger node type in cdk.json"), 80, ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
            }
        }

        var service = $"ECS service frgm-{env}-dashboard";
        alarms.Create("DashboardCpu", "Dashboard ECS", dashboard.Service.MetricCpuUtilization(new MetricOptions { Period = Duration.Minutes(5) }),
            new AlarmText("CPU high", $"{service}, Container Insights; raise dashboard.cpu in cdk.json if sustained"), 85, ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
        alarms.Create("DashboardMemory", "Dashboard ECS", dashboard.Service.MetricMemoryUtilization(new MetricOptions { Period = Duration.Minutes(5) }),
            new AlarmText("memory high", $"{service}, Container Insights; raise dashboard.memoryMiB in cdk.json if sustained"), 85, ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
        alarms.Create("Alb5xx", "Dashboard ALB", dashboard.Alb.Metrics.HttpCodeTarget(Amazon.CDK.AWS.ElasticLoadBalancingV2.HttpCodeTarget.TARGET_5XX_COUNT, new MetricOptions { Period = Duration.Minutes(5), Statistic = "Sum" }),
            new AlarmText("dashboard returning 5xx", $"/frgm/{env}/dashboard logs; GET /ready names the unreachable store"), 5);
        alarms.Create("AlbUnhealthy", "Dashboard ALB", dashboard.TargetGroup.Metrics.HealthyHostCount(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Minimum" }),
            new AlarmText("no healthy dashboard target", $"{service} events and stopped-task reasons; /frgm/{env}/dashboard logs"), 1,
            ComparisonOperator.LESS_THAN_THRESHOLD, 3, TreatMissingData.BREACHING);

        foreach (var table in data.Tables)
        {
            var tableName = table.Node.Id.Replace("Table", "", StringComparison.Ordinal);
            var throttles = new MathExpression(new MathExpressionProps
            {
                Expression = "reads + writes",
                Label = "throttled requests",
                Period = Duration.Minutes(5),
                UsingMetrics = new Dictionary<string, IMetric>
                {
                    ["reads"] = table.Metric("ReadThrottleEvents", new MetricOptions { Statistic = "Sum", Period = Duration.Minutes(5) }),
                    ["writes"] = table.Metric("WriteThrottleEvents", new MetricOptions { Statistic = "Sum", Period = Duration.Minutes(5) }),
                },
            });
            alarms.Create($"{tableName}Throttles", $"DynamoDB {tableName.ToLowerInvariant()}", throttles,
                new AlarmText("requests throttled", $"DynamoDB console, table frgm-{env}-{tableName.ToLowerInvariant()}, hot partition keys in CloudWatch Contributor Insights"), 1);
        }
    }

    private static Metric MemoryDbMetric(string name, string cluster, string node) => new(new MetricProps
    {
        Namespace = "AWS/MemoryDB",
        MetricName = name,
        DimensionsMap = new Dictionary<string, string> { ["ClusterName"] = cluster, ["NodeName"] = node },
        Statistic = "Maximum",
        Period = Duration.Minutes(5),
    });

    private static string Id(string text) => string.Concat(text.Split(' ', '-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
}
