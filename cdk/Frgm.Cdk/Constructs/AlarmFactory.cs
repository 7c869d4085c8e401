using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Frgm.Cdk.Constructs;

/// <summary>What a Slack reader needs from an alarm: which environment, what broke, where to look.</summary>
public sealed record AlarmText(string What, string WhereToLook);

/// <summary>
/// Creates alarms that notify the alerting topic on ALARM and on OK, named
/// <c>FRGM-&lt;env&gt; &lt;area&gt;: &lt;what&gt;</c> and described with the runbook hint, so the Slack
/// message alone says where to start.
/// </summary>
public sealed class AlarmFactory(Construct scope, string environment, ITopic topic)
{
    private readonly SnsAction _action = new(topic);

    public List<Alarm> Created { get; } = [];

    public Alarm Create(
        string id,
        string area,
        IMetric metric,
        AlarmText text,
        double threshold,
        ComparisonOperator comparison = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        int evaluationPeriods = 1,
        TreatMissingData missing = TreatMissingData.NOT_BREACHING)
    {
        var alarm = new Alarm(scope, id, new AlarmProps
        {
            AlarmName = $"FRGM-{environment} {area}: {text.What}",
            AlarmDescription = $"Environment: {environment}. What broke: {text.What} ({Describe(comparison)} {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}). Where to look: {text.WhereToLook}. Runbook: cdk/README.md, section Alarms.",
            Metric = metric,
            Threshold = threshold,
            ComparisonOperator = comparison,
            EvaluationPeriods = evaluationPeriods,
            DatapointsToAlarm = evaluationPeriods,
            TreatMissingData = missing,
        });
        alarm.AddAlarmAction(_action);
        alarm.AddOkAction(_action);
        Created.Add(alarm);
        return alarm;
    }

    private static string Describe(ComparisonOperator comparison) => comparison switch
    {
        ComparisonOperator.GREATER_THAN_THRESHOLD => "above",
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD => "at or above",
        ComparisonOperator.LESS_THAN_THRESHOLD => "below",
        ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD => "at or below",
        _ => "compared with",
    };
}
