using System.Text.Json.Nodes;
using Frgm.Functions.Events;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>Events shaped exactly like AWS's documented examples (values changed, structure kept).</summary>
public static class AwsEvents
{
    /// <summary>One SQS message whose body is an S3 ObjectCreated:Put notification. <paramref name="encodedKey"/> is as S3 writes it.</summary>
    public static string SqsWrappingS3(string bucket, string encodedKey, string eventTime, string messageId = "059f36b4-87a3-44ab-83d2-661975830a7d") =>
        Sqs((messageId, S3Notification(bucket, encodedKey, eventTime)));

    public static string Sqs(params (string MessageId, string Body)[] messages)
    {
        var records = new JsonArray();
        foreach (var (messageId, body) in messages)
        {
            records.Add(new JsonObject
            {
                ["messageId"] = messageId,
                ["receiptHandle"] = "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
                ["body"] = body,
                ["attributes"] = new JsonObject
                {
                    ["ApproximateReceiveCount"] = "1",
                    ["SentTimestamp"] = "1545082649183",
                    ["SenderId"] = "AIDAIENQZJOLO23YVJ4VO",
                    ["ApproximateFirstReceiveTimestamp"] = "1545082649185",
                },
                ["messageAttributes"] = new JsonObject(),
                ["md5OfBody"] = "e4e68fb7bd0e697a0ae8f1bb342846b3",
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:frgm-ingest",
                ["awsRegion"] = "us-east-1",
            });
        }

        return new JsonObject { ["Records"] = records }.ToJsonString();
    }

    public static string S3Notification(string bucket, string encodedKey, string eventTime) => new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["eventVersion"] = "2.1",
            ["eventSource"] = "aws:s3",
            ["awsRegion"] = "us-east-1",
            ["eventTime"] = eventTime,
            ["eventName"] = "ObjectCreated:Put",
            ["userIdentity"] = new JsonObject { ["principalId"] = "AWS:AIDAINPONIXQXHT3IKHL2" },
            ["requestParameters"] = new JsonObject { ["sourceIPAddress"] = "205.255.255.255" },
            ["responseElements"] = new JsonObject { ["x-amz-request-id"] = "D82B88E5F771F645", ["x-amz-id-2"] = "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=" },
            ["s3"] = new JsonObject
            {
                ["s3SchemaVersion"] = "1.0",
                ["configurationId"] = "828aa6fc-f7b5-4305-8584-487c791949c1",
                ["bucket"] = new JsonObject { ["name"] = bucket, ["ownerIdentity"] = new JsonObject { ["principalId"] = "A3I5XTEXAMAI3E" }, ["arn"] = "arn:aws:s3:::" + bucket },
                ["object"] = new JsonObject { ["key"] = encodedKey, ["size"] = 1305107, ["eTag"] = "b21b84d653bb07b05b1e6b33684dc11b", ["sequencer"] = "0C0F6F405D6ED209E1" },
            },
        }),
    }.ToJsonString();

    public static string S3TestEvent(string bucket) =>
        $$"""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-20T14:00:00.000Z","Bucket":"{{bucket}}","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}""";

    public static string Scheduled(string time) =>
        $$$"""{"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":"{{{time}}}","region":"us-east-1","resources":["arn:aws:events:us-east-1:123456789012:rule/frgm-tt-poller"],"detail":{}}""";

    public static string Key(string key) => S3ObjectKeys.Encode(key);
}
