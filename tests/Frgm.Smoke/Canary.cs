using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Storage.Embedded;
using Frgm.Application.Ports;

namespace Frgm.Smoke;

/// <summary>Where the canary file goes and how it and its ledger history are removed.</summary>
public interface ICanaryTarget : IAsyncDisposable
{
    string Where { get; }

    Task PutAsync(string key, byte[] content, CancellationToken ct);

    /// <summary>Removes the object (every version) and its ledger entries; returns what was removed.</summary>
    Task<string> RemoveAsync(string key, CancellationToken ct);
}

/// <summary>
/// Puts <c>canary/&lt;env&gt;/smoke_&lt;run&gt;.csv</c> into the actant bucket, waits (bounded) until /api/files lists it
/// with a final status, then removes it and its history. Ingestion's router knows <c>canary/</c> and never applies it.
/// </summary>
public static class Canary
{
    public static string NewKey(string environment, DateTimeOffset now) =>
        $"canary/{environment}/smoke_{now:yyyyMMdd_HHmmss}_{Guid.NewGuid().ToString("N")[..8]}.csv";

    public static async Task RunAsync(HttpClient http, string apiKey, ICanaryTarget target, string key, TimeSpan timeout, SmokeReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(report);
        var content = Encoding.UTF8.GetBytes("smoke test canary; never applied\n" + key + "\n");
        var put = await report.CheckAsync($"canary put {target.Where}/{key}", async () =>
        {
            await target.PutAsync(key, content, ct);
            return content.Length + " bytes";
        });
        try
        {
            if (put)
            {
                await report.CheckAsync("canary processed (/api/files)", () => WaitProcessedAsync(http, apiKey, key, timeout, ct));
            }
        }
        finally
        {
            await report.CheckAsync("canary removed with its history", () => target.RemoveAsync(key, ct));
        }
    }

    private static async Task<string> WaitProcessedAsync(HttpClient http, string apiKey, string key, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var last = "not listed";
        while (DateTimeOffset.UtcNow < deadline)
        {
            using (var doc = await ContractChecks.GetJsonAsync(http, "/api/files?limit=200", apiKey, System.Net.HttpStatusCode.OK, ct))
            {
                var file = doc.RootElement.GetProperty("files").EnumerateArray().FirstOrDefault(f => f.GetProperty("key").GetString() == key);
                if (file.ValueKind == JsonValueKind.Object)
                {
                    last = file.GetProperty("status").GetString() ?? "?";
                    if (last != "PROCESSING")
                    {
                        return last == "IGNORED" ? "IGNORED as a canary" : throw new SmokeCheckException($"status {last}: the router did not recognise canary/");
                    }
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }

        throw new SmokeCheckException($"not processed within {timeout.TotalSeconds:0} s (last seen: {last}): check the ingest queue, DLQ and function logs");
    }
}

/// <summary>An embedded dashboard's DataDir on this machine: the bucket folder and the SQLite ledger.</summary>
public sealed class EmbeddedCanaryTarget(string dataDir) : ICanaryTarget
{
    private readonly StorageSet _storage = EmbeddedStorage.Create(dataDir);

    public string Where => "embedded actant bucket";

    public Task PutAsync(string key, byte[] content, CancellationToken ct) => _storage.Objects.WriteAsync(BucketRole.Actant, key, content, ct);

    public async Task<string> RemoveAsync(string key, CancellationToken ct)
    {
        var path = Path.Combine(dataDir, "buckets", "actant", key);
        var existed = File.Exists(path);
        File.Delete(path);
        var entries = await _storage.Ledger.ForgetAsync(BucketRole.Actant, key, ct);
        return $"{(existed ? 1 : 0)} file, {entries} ledger entries";
    }

    public ValueTask DisposeAsync()
    {
        EmbeddedStorage.ReleaseConnections();
        return ValueTask.CompletedTask;
    }
}

/// <summary>S3 and the DynamoDB ledger with the caller's credentials (in CI: the smoke canary role).</summary>
public sealed class AwsCanaryTarget : ICanaryTarget
{
    private readonly AwsSettings _settings;
    private readonly AmazonS3Client _s3;
    private readonly Amazon.DynamoDBv2.AmazonDynamoDBClient _dynamo;
    private readonly DynamoFileLedger _ledger;
    private readonly S3ObjectStore _objects;

    public AwsCanaryTarget(AwsSettings settings)
    {
        _settings = settings;
        _s3 = AwsClientFactory.CreateS3(settings);
        _dynamo = AwsClientFactory.CreateDynamoDb(settings);
        _ledger = new DynamoFileLedger(_dynamo, settings);
        _objects = new S3ObjectStore(_s3, settings);
    }

    public string Where => "s3://" + _settings.ActantBucket;

    public Task PutAsync(string key, byte[] content, CancellationToken ct) => _objects.WriteAsync(BucketRole.Actant, key, content, ct);

    public async Task<string> RemoveAsync(string key, CancellationToken ct)
    {
        // Versioned buckets (staging, prod) keep every version: remove them all, not just hide the object.
        var removed = 0;
        var versioned = true;
        try
        {
            var versions = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = _settings.ActantBucket, Prefix = key }, ct);
            foreach (var version in (versions.Versions ?? []).Where(v => v.Key == key))
            {
                await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _settings.ActantBucket, Key = key, VersionId = version.VersionId }, ct);
                removed++;
            }
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is System.Net.HttpStatusCode.MethodNotAllowed or System.Net.HttpStatusCode.NotImplemented)
        {
            // A store without versioning support (s3rver locally) holds exactly the one object.
            versioned = false;
        }

        if (removed == 0)
        {
            await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _settings.ActantBucket, Key = key }, ct);
            removed = versioned ? 0 : 1;
        }

        var entries = await _ledger.ForgetAsync(BucketRole.Actant, key, ct);
        return $"{removed} object version(s), {entries} ledger entries";
    }

    public ValueTask DisposeAsync()
    {
        _s3.Dispose();
        _dynamo.Dispose();
        return ValueTask.CompletedTask;
    }
}
