using System.Text.Json;
using Frgm.Functions.Events;
using Frgm.Functions.Tests.Fakes;

namespace Frgm.Functions.Tests.Events;

/// <summary>The event models read AWS's documented example events.</summary>
public sealed class EventShapeTests
{
    [Fact]
    public void SQS_event_wrapping_an_S3_notification()
    {
        var sqs = JsonSerializer.Deserialize(AwsEvents.SqsWrappingS3("frgm-actant", "market-data/2026/11/20/GE+XCME%3DZN_20261120_143000.csv", "2026-11-20T14:30:01.000Z"), EventJsonContext.Default.SqsEvent)!;

        var message = Assert.Single(sqs.Records);
        Assert.Equal("059f36b4-87a3-44ab-83d2-661975830a7d", message.MessageId);
        Assert.Equal("1", message.Attributes!.ApproximateReceiveCount);
        var s3 = JsonSerializer.Deserialize(message.Body!, EventJsonContext.Default.S3EventNotification)!;
        var record = Assert.Single(s3.Records!);
        Assert.False(s3.IsTestEvent);
        Assert.Equal("frgm-actant", record.S3!.Bucket!.Name);
        Assert.Equal("market-data/2026/11/20/GE XCME=ZN_20261120_143000.csv", S3ObjectKeys.Decode(record.S3.S3Object!.Key!));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 1, TimeSpan.Zero), record.EventTime);
    }

    [Fact]
    public void S3_test_event()
    {
        var body = """{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2014-10-13T15:57:02.089Z","Bucket":"frgm-actant","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}""";

        var s3 = JsonSerializer.Deserialize(body, EventJsonContext.Default.S3EventNotification)!;

        Assert.True(s3.IsTestEvent);
        Assert.Null(s3.Records);
    }

    [Fact]
    public void Key_encoding_round_trips_spaces_and_symbols()
    {
        const string key = "trades/2026/11/20/fills (copy)+1 é.csv";

        var encoded = S3ObjectKeys.Encode(key);

        Assert.DoesNotContain(' ', encoded);
        Assert.Contains("trades/2026/11/20/fills+", encoded, StringComparison.Ordinal);
        Assert.Equal(key, S3ObjectKeys.Decode(encoded));
    }

    [Fact]
    public void EventBridge_scheduled_event_and_an_empty_Scheduler_payload()
    {
        var rule = JsonSerializer.Deserialize(AwsEvents.Scheduled("2026-11-20T14:30:00Z"), EventJsonContext.Default.ScheduledEvent)!;
        var scheduler = JsonSerializer.Deserialize("{}", EventJsonContext.Default.ScheduledEvent)!;

        Assert.Equal("Scheduled Event", rule.DetailType);
        Assert.Equal("aws.events", rule.Source);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), rule.Time);
        Assert.Null(scheduler.Time);
    }

    [Fact]
    public void DynamoDB_stream_event_with_typed_attributes()
    {
        const string json = """
            {"Records":[{"eventID":"1","eventVersion":"1.0","dynamodb":{"Keys":{"Id":{"N":"101"}},
              "NewImage":{"Message":{"S":"New item!"},"Id":{"N":"101"},"Gone":{"NULL":true},"Flag":{"BOOL":true},
                          "Tags":{"SS":["a","b"]},"Nested":{"M":{"x":{"N":"1.5"}}},"List":{"L":[{"S":"q"}]}},
              "StreamViewType":"NEW_AND_OLD_IMAGES","SequenceNumber":"111","SizeBytes":26},
              "awsRegion":"us-west-2","eventName":"INSERT","eventSourceARN":"arn:aws:dynamodb:us-west-2:123456789012:table/t/stream/2015-06-27T00:48:05.899","eventSource":"aws:dynamodb"}]}
            """;

        var stream = JsonSerializer.Deserialize(json, EventJsonContext.Default.DynamoDbStreamEvent)!;

        var record = Assert.Single(stream.Records);
        Assert.Equal("INSERT", record.EventName);
        Assert.Equal("111", record.Dynamodb!.SequenceNumber);
        var image = record.Dynamodb.NewImage!;
        Assert.Equal("New item!", image["Message"].Text);
        Assert.Equal("101", image["Id"].Text);
        Assert.True(image["Gone"].Null);
        Assert.Null(image["Gone"].Text);
        Assert.Equal("true", image["Flag"].Text);
        Assert.Equal(["a", "b"], image["Tags"].SS!);
        Assert.Equal("1.5", image["Nested"].M!["x"].N);
        Assert.Equal("q", image["List"].L![0].S);
        Assert.Null(record.Dynamodb.OldImage);
    }

    [Fact]
    public void Batch_response_uses_the_partial_batch_field_names()
    {
        var json = JsonSerializer.Serialize(new BatchResponse { BatchItemFailures = [new BatchItemFailure("m-1")] }, EventJsonContext.Default.BatchResponse);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-1"}]}""", json);
    }
}
