using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace Frgm.TestSupport;

/// <summary>What the function answered for one invocation.</summary>
/// <param name="ErrorType">The <c>Lambda-Runtime-Function-Error-Type</c> header of an error post; null for a response.</param>
public sealed record InvocationResult(string RequestId, bool IsError, string Body, string? ErrorType, DateTimeOffset Deadline, DateTimeOffset AnsweredAt);

/// <summary>
/// The Lambda Runtime API (2018-06-01) over real HTTP on loopback, as Lambda serves it to a custom runtime:
/// <c>GET /runtime/invocation/next</c> blocks until an event is queued and answers with the
/// <c>Lambda-Runtime-*</c> headers; <c>POST .../{id}/response</c>, <c>.../{id}/error</c> and
/// <c>/runtime/init/error</c> complete what the test awaits. Unknown request ids get 400, as Lambda answers.
/// </summary>
public sealed class RuntimeApiEmulator : IDisposable
{
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:frgm-dev-under-test";

    private readonly LoopbackListener _listener;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly ConcurrentDictionary<string, Pending> _inFlight = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InvocationResult> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DateTimeOffset> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextCount;

    public RuntimeApiEmulator()
    {
        // /next blocks until an event is queued: serve each request on its own task.
        _listener = new LoopbackListener(ServeAsync, concurrent: true);
    }

    public int Port => _listener.Port;

    /// <summary>The value of <c>AWS_LAMBDA_RUNTIME_API</c>: host:port, no scheme.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Completes with the body of <c>/runtime/init/error</c>, if the runtime posts one.</summary>
    public Task<InvocationResult> InitError => _initError.Task;

    /// <summary>When the runtime first asked for an event (it finished init).</summary>
    public Task<DateTimeOffset> FirstNext => _firstNext.Task;

    /// <summary>How many times <c>/next</c> was called.</summary>
    public int NextCount => Volatile.Read(ref _nextCount);

    /// <summary>Queues one event with <paramref name="timeout"/> until its deadline and waits for the answer.</summary>
    public async Task<InvocationResult> InvokeAsync(string eventJson, TimeSpan timeout, string? traceId = null, CancellationToken ct = default)
    {
        var pending = new Pending(
            Guid.NewGuid().ToString(),
            DateTimeOffset.UtcNow + timeout,
            traceId ?? $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Guid.NewGuid().ToString("N")[..24]};Sampled=0",
            Encoding.UTF8.GetBytes(eventJson));
        _inFlight[pending.RequestId] = pending;
        await _queue.Writer.WriteAsync(pending, ct);
        using var registration = ct.Register(() => pending.Result.TrySetCanceled(ct));
        return await pending.Result.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _listener.Dispose();
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            const string prefix = "/2018-06-01/runtime/";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                await AnswerAsync(context, 404, """{"errorType":"NotFound","errorMessage":"unknown path"}""");
                return;
            }

            var rest = path[prefix.Length..];
            if (context.Request.HttpMethod == "GET" && rest == "invocation/next")
            {
                await NextAsync(context);
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"];
            if (context.Request.HttpMethod == "POST" && rest == "init/error")
            {
                _initError.TrySetResult(new InvocationResult("init", true, body, errorType, DateTimeOffset.MinValue, DateTimeOffset.UtcNow));
                await AnswerAsync(context, 202, """{"status":"OK"}""");
                return;
            }

            var parts = rest.Split('/');
            if (context.Request.HttpMethod == "POST" && parts.Length == 3 && parts[0] == "invocation" && parts[2] is "response" or "error"
                && _inFlight.TryRemove(Uri.UnescapeDataString(parts[1]), out var pending))
            {
                var isError = parts[2] == "error";
                pending.Result.TrySetResult(new InvocationResult(pending.RequestId, isError, body, isError ? errorType : null, pending.Deadline, DateTimeOffset.UtcNow));
                await AnswerAsync(context, 202, """{"status":"OK"}""");
                return;
            }

            await AnswerAsync(context, 400, """{"errorType":"InvalidRequestID","errorMessage":"unknown or finished request id"}""");
        }
        catch (HttpListenerException)
        {
            // the runtime went away mid-request (killed by a test)
        }
    }

    private async Task NextAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _nextCount);
        _firstNext.TrySetResult(DateTimeOffset.UtcNow);
        Pending pending;
        try
        {
            pending = await _queue.Reader.ReadAsync();
        }
        catch (ChannelClosedException)
        {
            context.Response.Abort();
            return;
        }

        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = pending.TraceId;
        await AnswerAsync(context, 200, pending.Event);
    }

    private static Task AnswerAsync(HttpListenerContext context, int status, string body) =>
        AnswerAsync(context, status, Encoding.UTF8.GetBytes(body));

    private static async Task AnswerAsync(HttpListenerContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private sealed record Pending(string RequestId, DateTimeOffset Deadline, string TraceId, byte[] Event)
    {
        public TaskCompletionSource<InvocationResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
