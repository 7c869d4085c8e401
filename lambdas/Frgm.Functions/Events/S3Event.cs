using System.Text.Json.Serialization;

namespace Frgm.Functions.Events;

/// <summary>
/// An S3 event notification as S3 writes it into the SQS message body. The same body can instead be the
/// one-off <c>s3:TestEvent</c> S3 sends when a notification is configured; both shapes share this class.
/// </summary>
public sealed class S3EventNotification
{
    [JsonPropertyName("Records")]
    public List<S3EventRecord>? Records { get; set; }

    /// <summary>"s3:TestEvent" on the configuration test message; absent on real notifications.</summary>
    [JsonPropertyName("Event")]
    public string? Event { get; set; }

    [JsonPropertyName("Bucket")]
    public string? Bucket { get; set; }

    [JsonIgnore]
    public bool IsTestEvent => string.Equals(Event, "s3:TestEvent", StringComparison.Ordinal);
}

public sealed class S3EventRecord
{
    [JsonPropertyName("eventName")]
    public string? EventName { get; set; }

    [JsonPropertyName("eventTime")]
    public DateTimeOffset? EventTime { get; set; }

    [JsonPropertyName("s3")]
    public S3Entity? S3 { get; set; }
}

public sealed class S3Entity
{
    [JsonPropertyName("bucket")]
    public S3BucketEntity? Bucket { get; set; }

    [JsonPropertyName("object")]
    public S3ObjectEntity? S3Object { get; set; }
}

public sealed class S3BucketEntity
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("arn")]
    public string? Arn { get; set; }
}

public sealed class S3ObjectEntity
{
    /// <summary>URL-encoded, with '+' for spaces: use <see cref="S3ObjectKeys.Decode"/>.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("size")]
    public long? Size { get; set; }

    [JsonPropertyName("eTag")]
    public string? ETag { get; set; }

    [JsonPropertyName("sequencer")]
    public string? Sequencer { get; set; }
}

public static class S3ObjectKeys
{
    /// <summary>S3 notifications form-encode keys: '+' is a space, %XX an escaped byte (UTF-8).</summary>
    public static string Decode(string encoded) => System.Net.WebUtility.UrlDecode(encoded);

    /// <summary>The inverse, as S3 writes keys into notifications (used to build events locally).</summary>
    public static string Encode(string key) => System.Net.WebUtility.UrlEncode(key).Replace("%2F", "/", StringComparison.Ordinal);
}
