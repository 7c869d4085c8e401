using System.Diagnostics;
using System.Text;
using Frgm.Domain.Model;
using Frgm.Functions.Events;
using Frgm.Functions.Handlers;
using Frgm.Functions.Hosting;
using Frgm.Storage.Embedded;
using Frgm.Application.Ports;

namespace Frgm.Functions.Local;

/// <summary>
/// Runs a handler in-process the way Lambda would (same class, same Stream in and out), against local or
/// embedded storage. What it prints is the handler's response, so a developer sees exactly what Lambda would return.
/// </summary>
public static class LocalRunner
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        RunnerOptions options;
        try
        {
            options = RunnerOptions.Parse(args);
        }
        catch (RunnerUsageException ex)
        {
            await stderr.WriteLineAsync("error: " + ex.Message);
            await stderr.WriteLineAsync(RunnerOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            await stdout.WriteLineAsync(RunnerOptions.Usage);
            return 0;
        }

        var stopwatch = Stopwatch.StartNew();
        var host = new FunctionHost(environment ?? Environment.GetEnvironmentVariable, stderr, StorageFor(options));
        try
        {
            var (function, input) = await PrepareAsync(options, host);
            await using var response = await InvokeAsync(function, host, input);
            using var reader = new StreamReader(response, Encoding.UTF8);
            await stdout.WriteLineAsync(await reader.ReadToEndAsync());
            await stdout.WriteLineAsync($"elapsed_ms={stopwatch.ElapsedMilliseconds}");
            return 0;
        }
        catch (Exception ex) when (ex is RunnerUsageException or FileNotFoundException or DirectoryNotFoundException)
        {
            await stderr.WriteLineAsync("error: " + ex.Message);
            return 2;
        }
#pragma warning disable CA1031 // the runner's job is to report any handler failure as Lambda would, with exit code 1
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"handler failed: {ex.GetType().Name}: {ex.Message}");
            await stdout.WriteLineAsync($"elapsed_ms={stopwatch.ElapsedMilliseconds}");
            return 1;
        }
    }

    public static Task<Stream> InvokeAsync(string function, FunctionHost host, Stream input) =>
        (HandlerCatalog.Create(function, host) ?? throw new RunnerUsageException($"unknown function '{function}' (valid: {string.Join(", ", HandlerCatalog.All)})"))
            .HandleAsync(input, CancellationToken.None);

    /// <summary>An SQS event carrying one S3 notification per key, as the ingest queue delivers them.</summary>
    public static string IngestEvent(FunctionHost host, BucketRole role, IEnumerable<string> keys, DateTimeOffset eventTime)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bucket = host.Aws.BucketName(role);
        var sqs = new SqsEvent();
        var n = 0;
        foreach (var key in keys)
        {
            var notification = new S3EventNotification
            {
                Records =
                [
                    new S3EventRecord
                    {
                        EventName = "ObjectCreated:Put",
                        EventTime = eventTime,
                        S3 = new S3Entity
                        {
                            Bucket = new S3BucketEntity { Name = bucket, Arn = "arn:aws:s3:::" + bucket },
                            S3Object = new S3ObjectEntity { Key = S3ObjectKeys.Encode(key) },
                        },
                    },
                ],
            };
            sqs.Records.Add(new SqsMessage
            {
                MessageId = $"local-{++n}-{Guid.NewGuid():N}",
                Body = System.Text.Json.JsonSerializer.Serialize(notification, EventJsonContext.Default.S3EventNotification),
                Attributes = new SqsMessageAttributes { ApproximateReceiveCount = "1" },
            });
        }

        return System.Text.Json.JsonSerializer.Serialize(sqs, EventJsonContext.Default.SqsEvent);
    }

    private static Func<FunctionHost, CancellationToken, Task<StorageSet>> StorageFor(RunnerOptions options) =>
        options.EmbeddedDataDir is { } dataDir
            ? (_, _) => Task.FromResult(EmbeddedStorage.Create(dataDir))
            : AwsStorage.CreateAsync;

    private static async Task<(string Function, Stream Input)> PrepareAsync(RunnerOptions options, FunctionHost host)
    {
        if (options.Command == "redrive")
        {
            var role = ParseRole(options.Bucket!);
            return ("ingest", Utf8(IngestEvent(host, role, options.Keys, host.Clock.GetUtcNow())));
        }

        if (options.File is { } file)
        {
            var role = ParseRole(options.Bucket!);
            var content = await File.ReadAllBytesAsync(file);
            var ingestion = await host.GetIngestionAsync(CancellationToken.None);
            await ingestion.Storage.Objects.WriteAsync(role, options.Keys[0], content, CancellationToken.None);
            return ("ingest", Utf8(IngestEvent(host, role, options.Keys, host.Clock.GetUtcNow())));
        }

        return (options.Function!, new MemoryStream(await File.ReadAllBytesAsync(options.EventFile!)));
    }

    private static BucketRole ParseRole(string bucket) =>
        WireNames.TryParse<BucketRole>(bucket, WireNames.Of, out var role)
            ? role
            : throw new RunnerUsageException($"--bucket '{bucket}' is not one of actant, tt, trades");

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}
