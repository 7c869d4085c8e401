using System.Diagnostics;
using System.Text;
using Frgm.Domain.Model;
using Frgm.Functions.Events;
using Frgm.Functions.Handlers;
using Frgm.Functions.Hosting;
using Frgm.Storage.Embedded;
using Frgm.Application.Composition;
using Frgm.Application.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Frgm.Functions.Local;

/// <summary>
/// Runs a handler in-process the way Lambda would (same class, same Stream in and out), against local or
/// embedded storage. What it prints is the handler's response, so a developer sees exactly what Lambda would return.
/// </summary>
public static class LocalRunner
{
    /// <param name="configuration">The settings (<c>Frgm__Aws__*</c> ...); by default this process's environment, as in Lambda.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, IConfiguration? configuration = null)
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
        try
        {
            await using var host = new FunctionHost(configuration ?? LambdaConfiguration.FromEnvironment(), stderr, StorageFor(options));
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

    public static async Task<Stream> InvokeAsync(string function, FunctionHost host, Stream input)
    {
        if (!HandlerCatalog.Contains(function))
        {
            throw new RunnerUsageException($"unknown function '{function}' (valid: {string.Join(", ", HandlerCatalog.All)})");
        }

        var handler = await HandlerCatalog.CreateAsync(function, host, CancellationToken.None);
        return await handler.HandleAsync(input, CancellationToken.None);
    }

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

    private static StorageComposition StorageFor(RunnerOptions options) =>
        options.EmbeddedDataDir is { } dataDir
            ? (services, host, _) =>
            {
                services.AddFrgmEmbedded(host.Configuration, EmbeddedStorage.Open(dataDir), IngestionRole.LocalRunner);
                return Task.CompletedTask;
            }
            : AwsStorage.Compose;

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
            var services = await host.GetServicesAsync(CancellationToken.None);
            await services.GetRequiredService<StorageSet>().Objects.WriteAsync(role, options.Keys[0], content, CancellationToken.None);
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
