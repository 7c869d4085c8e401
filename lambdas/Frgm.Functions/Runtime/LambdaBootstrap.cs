using Frgm.Functions.Handlers;
using Frgm.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Runtime;

/// <summary>
/// The custom runtime (provided.al2023): one executable for every function, picking the handler by
/// <c>_HANDLER</c>. Init builds the handler's dependencies before the first <c>/next</c>, so a bad setting or an
/// unreadable secret is reported once as an init error (Lambda then restarts the sandbox) instead of
/// failing every event. Per event: the request id on every log line, the deadline as a CancellationToken,
/// the trace id in <c>_X_AMZN_TRACE_ID</c>; a handler failure becomes an error response and the loop goes on.
/// </summary>
public sealed class LambdaBootstrap
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string HandlerVariable = "_HANDLER";
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private readonly RuntimeApiClient _api;
    private readonly FunctionHost _host;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    public LambdaBootstrap(RuntimeApiClient api, FunctionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _api = api;
        _host = host;
        _clock = host.Clock;
        _logger = host.Loggers.CreateLogger<LambdaBootstrap>();
    }

    /// <summary>Entry point when <c>AWS_LAMBDA_RUNTIME_API</c> is set. Returns only on an init or Runtime API failure.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Environment(string name) => configuration.Variable(name);
        using var api = new RuntimeApiClient(Environment(RuntimeApiVariable)!);
        FunctionHost host;
        try
        {
            host = new FunctionHost(configuration, output, AwsStorage.Compose);
        }
#pragma warning disable CA1031 // any settings failure must reach init/error, or Lambda only sees a crash
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await output.WriteLineAsync(BareLogLine("init failed: " + ex.GetType().Name + ": " + ex.Message));
            try
            {
                await api.PostInitErrorAsync(FunctionError.From(ex), CancellationToken.None);
            }
            catch (Exception post) when (post is HttpRequestException or RuntimeApiException)
            {
                await output.WriteLineAsync(BareLogLine("init/error not delivered: " + post.Message));
            }

            return 1;
        }

        await using var owned = host;
        try
        {
            return await new LambdaBootstrap(api, host).RunAsync(Environment(HandlerVariable), CancellationToken.None);
        }
        catch (Exception ex) when (ex is HttpRequestException or RuntimeApiException)
        {
            // Only the Runtime API itself fails this way (e.g. init/error could not be posted): exit, Lambda restarts.
            await output.WriteLineAsync(BareLogLine($"the Runtime API at {Environment(RuntimeApiVariable)} failed: {ex.GetType().Name}: {ex.Message}"));
            return 2;
        }
    }

    public async Task<int> RunAsync(string? handlerName, CancellationToken ct)
    {
        var handler = await InitializeAsync(handlerName, ct);
        if (handler is null)
        {
            return 1;
        }

        while (!ct.IsCancellationRequested)
        {
            Invocation invocation;
            try
            {
                invocation = await _api.NextAsync(ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or RuntimeApiException)
            {
                _logger.LogCritical(ex, "the Runtime API failed; exiting so Lambda starts a new runtime");
                return 2;
            }

            await InvokeAsync(handler, handlerName!, invocation, ct);
        }

        return 0;
    }

    private async Task<ILambdaHandler?> InitializeAsync(string? handlerName, CancellationToken ct)
    {
        FunctionError? error = null;
        ILambdaHandler? handler = null;
        if (!HandlerCatalog.Contains(handlerName))
        {
            error = new FunctionError(
                "Runtime.UnknownHandler",
                $"{HandlerVariable} '{handlerName}' is not a handler of this bootstrap; valid: {string.Join(", ", HandlerCatalog.All)}");
        }
        else
        {
            try
            {
                handler = await HandlerCatalog.CreateAsync(handlerName!, _host, ct);
            }
#pragma warning disable CA1031 // init errors of any kind are reported to Lambda and end the process
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogCritical(ex, "{Handler}: init failed", handlerName);
                error = FunctionError.From(ex) with { ErrorMessage = $"{handlerName} init: {FunctionError.From(ex).ErrorMessage}" };
            }
        }

        if (error is not null)
        {
            _logger.LogCritical("init error {ErrorType}: {ErrorMessage}", error.ErrorType, error.ErrorMessage);
            await _api.PostInitErrorAsync(error, ct);
        }

        return handler;
    }

    private async Task InvokeAsync(ILambdaHandler handler, string handlerName, Invocation invocation, CancellationToken ct)
    {
        using var scope = InvocationScope.Begin(invocation.RequestId);
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);

        var remaining = invocation.Deadline - _clock.GetUtcNow();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Positive(DeadlinePolicy.Cancel(remaining)));
        var hardStop = Task.Delay(Positive(DeadlinePolicy.HardStop(remaining)), _clock, ct);

        var work = Task.Run(() => handler.HandleAsync(new MemoryStream(invocation.Event, writable: false), deadline.Token), ct);
        FunctionError? error = null;
        Stream? response = null;
        if (await Task.WhenAny(work, hardStop) != work)
        {
            // The handler ignored its token; Lambda's hard stop is near, so report now and leave it running.
            _ = work.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            error = Timeout(handlerName, remaining);
        }
        else
        {
            try
            {
                response = await work;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                error = Timeout(handlerName, remaining);
            }
#pragma warning disable CA1031 // a handler failure is the event's error response; the next event is served as usual
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogError(ex, "{Handler} failed", handlerName);
                error = FunctionError.From(ex);
            }
        }

        try
        {
            if (error is null)
            {
                await using (response)
                {
                    await _api.PostResponseAsync(invocation.RequestId, response!, ct);
                }
            }
            else
            {
                _logger.LogError("invocation error {ErrorType}: {ErrorMessage}", error.ErrorType, error.ErrorMessage);
                await _api.PostErrorAsync(invocation.RequestId, error, ct);
            }
        }
        catch (RuntimeApiException ex)
        {
            // E.g. a response over 6 MB (413): Lambda already recorded the failure; the loop goes on.
            _logger.LogError(ex, "the Runtime API refused the result of {Handler}", handlerName);
        }
    }

    private FunctionError Timeout(string handlerName, TimeSpan remaining)
    {
        _logger.LogError("{Handler} stopped: the invocation's deadline was {RemainingMs} ms away when it started", handlerName, (long)remaining.TotalMilliseconds);
        return new FunctionError(FunctionError.TimeoutType, $"{handlerName} did not finish before its deadline ({(long)remaining.TotalMilliseconds} ms)");
    }

    /// <summary>A log line for when no logger could be built: still one JSON object, like every other stdout line.</summary>
    private static string BareLogLine(string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", nameof(LogLevel.Critical));
            json.WriteString("category", typeof(LambdaBootstrap).FullName);
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static TimeSpan Positive(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.Zero;
}
