using System.Globalization;
using System.IO.Compression;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ports;
using Frgm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Benchmarks;

/// <summary>
/// Lambda-shaped timings of the ingest function on local stores (redis-server with TLS, DynamoDB Local, s3rver)
/// under the Runtime API emulator, median over 5 fresh processes: process start → first <c>/next</c> (init done),
/// the first (cold) and the second (warm) invocation, each a new 1k-row market file. The Native AOT bootstrap
/// beside today's JIT path (the same loop in the framework-dependent build, <c>dotnet Frgm.Functions.dll</c>),
/// plus the zipped package size.
/// </summary>
internal sealed class FunctionsBenchmark : IBenchmark
{
    private const int Runs = 5;
    private static int _file;

    public string Name => "functions";

    public string Description => "ingest bootstrap (AOT vs JIT) under the Runtime API emulator: start→/next, cold, warm; package size";

    public async Task RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = options.Rows ?? 1000;
        var aot = BootstrapBinary.Ensure(BootstrapBinary.X64);
        var dll = Path.Combine(RepoPaths.Root, "lambdas", "Frgm.Functions", "bin", "Release", "net10.0", "Frgm.Functions.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("run the benchmark with -c Release so the functions project is built", dll);
        }

        using var redis = new RedisServer(tls: true, user: "frgm-bench-app");
        using var dynamo = new DynamoDbLocal();
        using var s3 = new S3rver();
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Frgm__Aws__Environment"] = "bench",
            ["Frgm__Aws__DynamoDbServiceUrl"] = dynamo.ServiceUrl,
            ["Frgm__Aws__S3ServiceUrl"] = s3.ServiceUrl,
            ["Frgm__Aws__RedisHost"] = redis.Host,
            ["Frgm__Aws__RedisPort"] = redis.Port.ToString(CultureInfo.InvariantCulture),
            ["Frgm__Aws__RedisTls"] = "true",
            ["Frgm__Aws__RedisUser"] = redis.User!,
            ["Frgm__Aws__RedisCaCertificatePath"] = redis.CaCertPath!,
            // In Lambda the password comes through the secrets extension; a plain value keeps the benchmark to the stores.
            ["Frgm__Aws__RedisPassword"] = redis.Password!,
        };
        var settings = AwsSettings.FromVariables(n => env.TryGetValue(n, out var v) ? v : n == "AWS_REGION" ? "us-east-1" : null);
        using (var client = AwsClientFactory.CreateDynamoDb(settings))
        {
            await DynamoTables.CreateAllAsync(client, settings);
        }

        using (var client = AwsClientFactory.CreateS3(settings))
        {
            await S3Buckets.CreateAllAsync(client, settings);
        }

        var storage = await AwsStorageFactory.CreateAsync(settings, redis.Password, NullLoggerFactory.Instance, subscribe: false, default);
        var variants = new (string Name, string File, IReadOnlyList<string>? Launcher)[]
        {
            ("Native AOT bootstrap", aot, null),
            ("JIT (dotnet Frgm.Functions.dll)", dll, ["dotnet"]),
        };
        foreach (var (name, file, launcher) in variants)
        {
            var start = new List<double>();
            var cold = new List<double>();
            var warm = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                var (s, c, w) = await OneProcessAsync(file, launcher, env, storage, settings, rows);
                start.Add(s);
                cold.Add(c);
                warm.Add(w);
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}, ingest of a {rows}-row market file, median of {Runs} processes: start→first /next {Median(start):0} ms, cold invocation {Median(cold):0} ms, warm invocation {Median(warm):0.0} ms (cold min {cold.Min():0} max {cold.Max():0})"));
        }

        foreach (var rid in new[] { BootstrapBinary.X64, BootstrapBinary.Arm64 })
        {
            var path = BootstrapBinary.PathFor(rid);
            if (!File.Exists(path))
            {
                Console.WriteLine($"package {rid}: {path} not published (run ./test.sh or publish-bootstrap.sh {rid})");
                continue;
            }

            var zip = Path.Combine(Path.GetTempPath(), $"frgm-package-{rid}-{Guid.NewGuid():N}.zip");
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                archive.CreateEntryFromFile(path, "bootstrap", CompressionLevel.Optimal);
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"package {rid}: bootstrap {new FileInfo(path).Length / 1048576.0:0.0} MB, zipped {new FileInfo(zip).Length / 1048576.0:0.0} MB"));
            File.Delete(zip);
        }
    }

    private static async Task<(double Start, double Cold, double Warm)> OneProcessAsync(
        string file, IReadOnlyList<string>? launcher, Dictionary<string, string> functionEnv, StorageSet storage, AwsSettings settings, int rows)
    {
        var events = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var at = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero).AddSeconds(Interlocked.Increment(ref _file));
            var key = string.Create(CultureInfo.InvariantCulture, $"market-data/{at:yyyy/MM/dd}/GE_XCME.BENCH_{at:yyyyMMdd_HHmmss}.csv");
            await storage.Objects.WriteAsync(BucketRole.Actant, key, IngestBenchmarkFiles.MarketFile(rows), default);
            events.Add(SqsEvent(settings.ActantBucket, key));
        }

        using var api = new RuntimeApiEmulator();
        var env = LambdaVariables.For("ingest", api.Endpoint, 1024, "frgm-bench-ingest");
        foreach (var (name, value) in functionEnv)
        {
            env[name] = value;
        }

        if (launcher is not null)
        {
            // The JIT build needs the dotnet host and its home; a Lambda sandbox would ship both.
            env["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? env["PATH"];
            env["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/share/dotnet";
            env["HOME"] = Path.GetTempPath();
        }

        using var process = BootstrapProcess.Start(file, env, launcher);
        var firstNext = await api.FirstNext.WaitAsync(TimeSpan.FromMinutes(1));
        var times = new List<double>();
        foreach (var json in events)
        {
            var sent = DateTimeOffset.UtcNow;
            var result = await api.InvokeAsync(json, TimeSpan.FromSeconds(60)).WaitAsync(TimeSpan.FromMinutes(1));
            if (result.IsError || result.Body.Contains("\"itemIdentifier\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"ingest failed under the emulator: {result.Body}\n{process.Output}");
            }

            times.Add((result.AnsweredAt - sent).TotalMilliseconds);
        }

        return ((firstNext - process.StartedAt).TotalMilliseconds, times[0], times[1]);
    }

    private static string SqsEvent(string bucket, string key)
    {
        var s3 = new System.Text.Json.Nodes.JsonObject
        {
            ["Records"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["eventVersion"] = "2.1",
                ["eventSource"] = "aws:s3",
                ["eventName"] = "ObjectCreated:Put",
                ["eventTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["s3"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["bucket"] = new System.Text.Json.Nodes.JsonObject { ["name"] = bucket, ["arn"] = "arn:aws:s3:::" + bucket },
                    ["object"] = new System.Text.Json.Nodes.JsonObject { ["key"] = Frgm.Functions.Events.S3ObjectKeys.Encode(key) },
                },
            }),
        };
        var sqs = new System.Text.Json.Nodes.JsonObject
        {
            ["Records"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["messageId"] = Guid.NewGuid().ToString(),
                ["receiptHandle"] = "r",
                ["body"] = s3.ToJsonString(),
                ["attributes"] = new System.Text.Json.Nodes.JsonObject { ["ApproximateReceiveCount"] = "1" },
                ["eventSource"] = "aws:sqs",
            }),
        };
        return sqs.ToJsonString();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
