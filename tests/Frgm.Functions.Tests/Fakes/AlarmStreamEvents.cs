using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>
/// DynamoDB Streams events for the alarms table, shaped like AWS's documented example (Keys, NewImage,
/// OldImage in DynamoDB JSON, SequenceNumber, SizeBytes, StreamViewType NEW_AND_OLD_IMAGES).
/// </summary>
public static class AlarmStreamEvents
{
    public static Dictionary<string, object?> Alarm(
        string id,
        string severity = "WARNING",
        string state = "ACTIVE",
        decimal value = 612,
        decimal threshold = 500,
        string updatedAt = "2026-11-20T14:31:00Z") => new()
        {
            ["alarm_id"] = id,
            ["type"] = "POSITION_LIMIT",
            ["severity"] = severity,
            ["state"] = state,
            ["account_id"] = "MM1",
            ["ticker"] = "ZNZ6",
            ["message"] = "abs(net_qty) 612 > limit 500 for MM1 ZNZ6",
            ["value"] = value,
            ["threshold"] = threshold,
            ["raised_at"] = "2026-11-20T14:30:00Z",
            ["updated_at"] = updatedAt,
            ["acknowledged_by"] = null,
            ["cleared_at"] = state == "CLEARED" ? updatedAt : null,
        };

    public static string Event(params (string EventName, Dictionary<string, object?>? Old, Dictionary<string, object?>? New, string Sequence)[] records)
    {
        var array = new JsonArray();
        foreach (var (eventName, old, @new, sequence) in records)
        {
            var dynamodb = new JsonObject
            {
                ["ApproximateCreationDateTime"] = 1795185000,
                ["Keys"] = new JsonObject { ["pk"] = new JsonObject { ["S"] = "ITEM#" + sequence } },
                ["SequenceNumber"] = sequence,
                ["SizeBytes"] = 312,
                ["StreamViewType"] = "NEW_AND_OLD_IMAGES",
            };
            if (@new is not null && eventName != "REMOVE")
            {
                dynamodb["NewImage"] = Image(@new);
            }

            if (old is not null && eventName != "INSERT")
            {
                dynamodb["OldImage"] = Image(old);
            }

            array.Add(new JsonObject
            {
                ["eventID"] = "c4ca4238a0b923820dcc509a6f75849b" + sequence,
                ["eventName"] = eventName,
                ["eventVersion"] = "1.1",
                ["eventSource"] = "aws:dynamodb",
                ["awsRegion"] = "us-east-1",
                ["dynamodb"] = dynamodb,
                ["eventSourceARN"] = "arn:aws:dynamodb:us-east-1:123456789012:table/frgm-alarms/stream/2026-11-20T00:00:00.000",
            });
        }

        return new JsonObject { ["Records"] = array }.ToJsonString();
    }

    /// <summary>DynamoDB JSON: strings as S, numbers as N (text), null as NULL.</summary>
    public static JsonObject Image(Dictionary<string, object?> item)
    {
        var image = new JsonObject();
        foreach (var (name, value) in item)
        {
            image[name] = value switch
            {
                null => new JsonObject { ["NULL"] = true },
                string s => new JsonObject { ["S"] = s },
                decimal d => new JsonObject { ["N"] = d.ToString(CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unsupported attribute type {value.GetType()}", nameof(item)),
            };
        }

        return image;
    }

    public static MemoryStream Stream(string json) => new(System.Text.Encoding.UTF8.GetBytes(json));

    public static JsonElement ReadResponse(Stream response)
    {
        using var doc = JsonDocument.Parse(response);
        return doc.RootElement.Clone();
    }
}
