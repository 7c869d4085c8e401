using System.Text.Json;
using Frgm.Domain.Model;
using Frgm.Functions.Handlers;
using Frgm.Functions.Tests.Fakes;
using Frgm.TestSupport;

namespace Frgm.Functions.Tests.Runtime;

/// <summary>
/// The published Native AOT bootstrap (linux-x64 build of the code Lambda runs on arm64) as a child process under
/// the Runtime API emulator, with only Lambda's environment plus each function's variables from the synthesized
/// template, against real local servers.
/// </summary>
[Trait("Needs", "servers")]
public sealed class BootstrapTests(BootstrapFixture f) : IClassFixture<BootstrapFixture>
{
    private const string MarketKey = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";

    [Fact]
    public async Task Ingest_lands_a_market_file_from_S3_in_Redis_and_DynamoDB_with_the_request_id_on_every_line()
    {
        await f.Storage.Objects.WriteAsync(BucketRole.Actant, MarketKey, await File.ReadAllBytesAsync(RepoPaths.Sample("actant/" + MarketKey)), default);
        using var session = BootstrapSession.Start(f.BootstrapPath, api => f.Environment(HandlerCatalog.Ingest, api));

        var result = await session.InvokeAsync(AwsEvents.SqsWrappingS3(f.Settings.ActantBucket, AwsEvents.Key(MarketKey), DateTimeOffset.UtcNow.ToString("O")));

        Assert.False(result.IsError, result.Body + "\n" + session.Process.Output);
        using var body = JsonDocument.Parse(result.Body);
        Assert.Empty(body.RootElement.GetProperty("batchItemFailures").EnumerateArray());
        // Both written by Lua scripts (keep-later upsert, keep-max field) run from the Native AOT binary.
        Assert.Equal(112.421875m, (await f.Storage.Latest.GetPricesAsync(default))["ZNZ6"].Price);
        Assert.True((await f.Storage.Latest.GetFeedTimestampsAsync(default)).ContainsKey("market-data"));
        var entry = Assert.Single(await f.Storage.Ledger.ListAsync(FileStatus.Completed, 100, default), e => e.Key == MarketKey);
        Assert.Equal(FeedKind.MarketData, entry.Feed);

        // stdout reaches CloudWatch as is: every line one JSON object, and each of this invocation's lines names it.
        var lines = session.JsonLines();
        var ofInvocation = lines.Where(l => l.GetRawText().Contains("GE_XCME.ZN_20261120_143000", StringComparison.Ordinal) || l.TryGetProperty("_aws", out _)).ToList();
        Assert.NotEmpty(ofInvocation);
        Assert.All(ofInvocation, l => Assert.Equal(result.RequestId, l.GetProperty("requestId").GetString()));
        Assert.Contains(lines, l => l.TryGetProperty("FilesProcessed", out _) && l.GetProperty("Status").GetString() == "COMPLETED");
        Assert.DoesNotContain(f.Redis.Password!, session.Process.Output, StringComparison.Ordinal);
        Assert.All(f.Secrets.Requests, r => Assert.Equal(LambdaEnvironment.SessionToken, r.Header("X-Aws-Parameters-Secrets-Token")));
    }

    [Fact]
    public async Task A_malformed_event_and_a_failing_handler_get_clean_error_responses_and_the_same_process_serves_the_next_event()
    {
        // Its own redis-server (same ACL user and password), so this test can stop it under the running function.
        using var redis = new RedisServer(tls: true, user: f.Redis.User, password: f.Redis.Password);
        using var session = BootstrapSession.Start(f.BootstrapPath, api => f.Environment(
            HandlerCatalog.AlarmSweep,
            api,
            local: v => v["Frgm__Aws__RedisPort"] = redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            additions: a => a["Frgm__Aws__RedisCaCertificatePath"] = redis.CaCertPath!));
        var pid = session.Process.Pid;

        var malformed = await session.InvokeAsync("{\"time\": not json");
        AssertCleanError(malformed, "InvalidDataException");
        Assert.Contains("alarm-sweep", ErrorMessage(malformed), StringComparison.Ordinal);

        redis.Kill();
        var failed = await session.InvokeAsync(AwsEvents.Scheduled("2026-11-20T14:31:00Z"));
        AssertCleanError(failed, expectedType: null);

        redis.Restart();
        var served = await session.InvokeAsync(AwsEvents.Scheduled("2026-11-20T14:32:00Z"));
        Assert.False(served.IsError, served.Body + "\n" + session.Process.Output);
        using var body = JsonDocument.Parse(served.Body);
        Assert.True(body.RootElement.TryGetProperty("feed_age_seconds", out _), served.Body);
        Assert.False(session.Process.HasExited);
        Assert.Equal(pid, session.Process.Pid);
    }

    [Fact]
    public async Task A_handler_past_its_deadline_gets_an_error_response_before_the_deadline()
    {
        // The poller waits 30 s between its two polls; a 3 s deadline cancels it mid-wait.
        using var session = BootstrapSession.Start(f.BootstrapPath, api => f.Environment(
            HandlerCatalog.TtPoller, api, additions: a => a["Frgm__Tt__PollIntervalSeconds"] = "30"));

        var result = await session.InvokeAsync(AwsEvents.Scheduled("2026-11-20T14:30:00Z"), TimeSpan.FromSeconds(3));

        AssertCleanError(result, "Runtime.DeadlineExceeded");
        Assert.True(result.AnsweredAt < result.Deadline, $"answered {result.AnsweredAt:O}, deadline {result.Deadline:O}");
        Assert.False(session.Process.HasExited);
    }

    [Fact]
    public async Task The_TT_poller_polls_twice_through_the_secrets_extension_and_replaces_the_working_set()
    {
        using var session = BootstrapSession.Start(f.BootstrapPath, api => f.Environment(HandlerCatalog.TtPoller, api));

        var result = await session.InvokeAsync(AwsEvents.Scheduled("2026-11-20T14:30:00Z"));

        Assert.False(result.IsError, result.Body + "\n" + session.Process.Output);
        using var body = JsonDocument.Parse(result.Body);
        var polls = body.RootElement.GetProperty("polls").EnumerateArray().ToList();
        Assert.Equal(2, polls.Count);
        Assert.All(polls, p => Assert.Equal("success", p.GetProperty("outcome").GetString()));
        var order = Assert.Single((await f.Storage.Latest.GetWorkingOrdersAsync(default))!.Orders);
        Assert.Equal("tt-9", order.OrderId);
        Assert.Contains(f.Secrets.Requests, r => r.PathAndQuery.Contains(Uri.EscapeDataString(BootstrapFixture.TtSecretArn), StringComparison.Ordinal));
        Assert.DoesNotContain(FakeTtServer.KeySecret, session.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alarm_sweep_reports_feed_ages_from_Redis()
    {
        await f.Storage.Latest.SetFeedTimestampAsync("trades", DateTimeOffset.UtcNow.AddMinutes(-5), default);
        using var session = BootstrapSession.Start(f.BootstrapPath, api => f.Environment(HandlerCatalog.AlarmSweep, api));

        var result = await session.InvokeAsync(AwsEvents.Scheduled("2026-11-20T14:31:00Z"));

        Assert.False(result.IsError, result.Body + "\n" + session.Process.Output);
        using var body = JsonDocument.Parse(result.Body);
        Assert.InRange(body.RootElement.GetProperty("feed_age_seconds").GetProperty("trades").GetDouble(), 299, 400);
        Assert.Contains(session.JsonLines(), l => l.TryGetProperty("FeedAgeSeconds", out _) && l.GetProperty("requestId").GetString() == result.RequestId);
    }

    [Fact]
    public async Task The_Slack_notifier_posts_a_critical_alarm_from_the_stream_to_the_webhook_from_the_secret()
    {
        using var session = BootstrapSession.Start(f.BootstrapPath, api => f.Environment(HandlerCatalog.SlackNotifier, api));
        var before = f.Slack.Delivered.Count;

        var result = await session.InvokeAsync(AlarmStreamEvents.Event(("INSERT", null, AlarmStreamEvents.Alarm("rt-1", severity: "CRITICAL"), "100")));

        Assert.False(result.IsError, result.Body + "\n" + session.Process.Output);
        using var body = JsonDocument.Parse(result.Body);
        Assert.Empty(body.RootElement.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Equal(before + 1, f.Slack.Delivered.Count);
        Assert.DoesNotContain(FakeSlackWebhook.HookPath, session.Process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-secret")]
    [InlineData("bad-setting")]
    [InlineData("unknown-handler")]
    public async Task An_init_failure_posts_init_error_naming_the_cause_and_exits_non_zero(string fault)
    {
        const string missingArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:frgm/dev/not-there-XyZ123";
        var (handler, expected) = fault switch
        {
            "missing-secret" => (HandlerCatalog.Ingest, missingArn),
            "bad-setting" => (HandlerCatalog.TtPoller, "Frgm__Tt__Environment"),
            _ => (HandlerCatalog.Ingest, string.Join(", ", HandlerCatalog.All)),
        };
        using var session = BootstrapSession.Start(f.BootstrapPath, api =>
        {
            var env = f.Environment(handler, api, local: v =>
            {
                if (fault == "missing-secret")
                {
                    v["Frgm__Aws__RedisPasswordSecretArn"] = missingArn;
                }
                else if (fault == "bad-setting")
                {
                    v["Frgm__Tt__Environment"] = "ext_prod_typo";
                }
            });
            if (fault == "unknown-handler")
            {
                env["_HANDLER"] = "ingest-v2";
            }

            return env;
        });

        var init = await session.Api.InitError.WaitAsync(TimeSpan.FromMinutes(1));

        using var body = JsonDocument.Parse(init.Body);
        Assert.Contains(expected, body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(body.RootElement.GetProperty("errorType").GetString(), init.ErrorType);
        Assert.True(await session.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the bootstrap kept running after init/error");
        Assert.NotEqual(0, session.Process.ExitCode);
        Assert.Equal(0, session.Api.NextCount);
    }

    [Fact]
    public async Task The_linux_arm64_bootstrap_serves_an_ingest_invocation_under_qemu()
    {
        const string key = "market-data/2026/11/20/GE_XCME.ZN_20261120_143100.csv";
        var arm64 = BootstrapBinary.Ensure(BootstrapBinary.Arm64);
        await f.Storage.Objects.WriteAsync(BucketRole.Actant, key, await File.ReadAllBytesAsync(RepoPaths.Sample("actant/" + MarketKey)), default);
        // Debian's arm64 libc and libssl (multiarch, installed by test.sh) stand in for provided.al2023's: the TLS
        // connection to MemoryDB loads libssl at run time, so the cross-linking sysroot alone is not enough.
        using var session = BootstrapSession.Start(
            arm64,
            api => f.Environment(HandlerCatalog.Ingest, api, additions: a => a["Frgm__Aws__RedisConnectTimeoutSeconds"] = "60"),
            ["qemu-aarch64"]);

        var result = await session.InvokeAsync(AwsEvents.SqsWrappingS3(f.Settings.ActantBucket, AwsEvents.Key(key), DateTimeOffset.UtcNow.ToString("O")), TimeSpan.FromMinutes(2));

        Assert.False(result.IsError, result.Body + "\n" + session.Process.Output);
        using var body = JsonDocument.Parse(result.Body);
        Assert.Empty(body.RootElement.GetProperty("batchItemFailures").EnumerateArray());
        var entry = Assert.Single(await f.Storage.Ledger.ListAsync(FileStatus.Completed, 100, default), e => e.Key == key);
        Assert.True(entry.Rows > 0);
    }

    private static string ErrorMessage(InvocationResult result)
    {
        using var body = JsonDocument.Parse(result.Body);
        return body.RootElement.GetProperty("errorMessage").GetString()!;
    }

    /// <summary>An error post with exactly errorType and errorMessage, no stack trace, no source paths.</summary>
    private static void AssertCleanError(InvocationResult result, string? expectedType)
    {
        Assert.True(result.IsError, "expected an error response, got: " + result.Body);
        using var body = JsonDocument.Parse(result.Body);
        Assert.Equal(["errorType", "errorMessage"], body.RootElement.EnumerateObject().Select(p => p.Name));
        var type = body.RootElement.GetProperty("errorType").GetString();
        if (expectedType is not null)
        {
            Assert.Equal(expectedType, type);
        }

        Assert.Equal(type, result.ErrorType);
        var message = body.RootElement.GetProperty("errorMessage").GetString()!;
        Assert.DoesNotMatch(@"(^|\n)\s*at \S+\(|--- End of|\.cs:line", message);
        Assert.DoesNotContain(RepoPaths.Root, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }
}
