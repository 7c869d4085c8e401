using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// The S3 OBJECT_CREATED → SQS path for one feed bucket, with its DLQ. The notification is set on the
/// CfnBucket directly (not through CDK's notifications custom resource, which adds a Lambda with a managed
/// policy): the queue policy names the bucket by its fixed ARN, so there is no bucket ↔ policy cycle.
/// </summary>
public sealed class FeedQueue : Construct
{
    /// <summary>After this many failed receives a message moves to the DLQ and the DLQ-depth alarm fires.</summary>
    public const int MaxReceiveCount = 5;

    public FeedQueue(Construct scope, string id, string role, Bucket bucket, string bucketName, Duration visibilityTimeout)
        : base(scope, id)
    {
        Role = role;
        DeadLetterQueue = new Queue(this, "Dlq", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = Duration.Days(14),
        });
        Queue = new Queue(this, "Queue", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            VisibilityTimeout = visibilityTimeout,
            RetentionPeriod = Duration.Days(4),
            DeadLetterQueue = new DeadLetterQueue { Queue = DeadLetterQueue, MaxReceiveCount = MaxReceiveCount },
        });

        // The re-drive command needs the DLQ's ARN; the queue names are generated, so publish it.
        _ = new CfnOutput(this, "DlqArn", new CfnOutputProps
        {
            Value = DeadLetterQueue.QueueArn,
            Description = $"{role} feed DLQ. Re-drive after fixing the cause: aws sqs start-message-move-task --source-arn <this value>",
        });

        var stack = Stack.Of(this);
        Queue.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowS3ObjectCreatedFromItsBucket",
            Principals = [new ServicePrincipal("s3.amazonaws.com")],
            Actions = ["sqs:SendMessage"],
            Resources = [Queue.QueueArn],
            Conditions = new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{stack.Partition}:s3:::{bucketName}" },
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
            },
        }));

        var cfnBucket = (CfnBucket)bucket.Node.DefaultChild!;
        cfnBucket.NotificationConfiguration = new CfnBucket.NotificationConfigurationProperty
        {
            QueueConfigurations = new object[]
            {
                new CfnBucket.QueueConfigurationProperty { Event = "s3:ObjectCreated:*", Queue = Queue.QueueArn },
            },
        };

        // S3 checks it may send to the queue when the notification is created.
        bucket.Node.AddDependency(Queue.Node.FindChild("Policy"));
    }

    /// <summary>The bucket role (actant, tt, trades) this queue carries.</summary>
    public string Role { get; }

    public Queue Queue { get; }

    public Queue DeadLetterQueue { get; }
}
