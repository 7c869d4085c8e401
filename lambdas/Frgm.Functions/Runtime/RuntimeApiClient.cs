using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Frgm.Functions.Runtime;

/// <summary>
/// The Lambda Runtime API, version 2018-06-01, over plain HTTP to <c>AWS_LAMBDA_RUNTIME_API</c>.
/// <c>/next</c> is a long poll that returns only when an event arrives (the sandbox may be frozen in
/// between), so the client has no timeout.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    public const string Version = "2018-06-01";

    private readonly HttpClient _http;

    public RuntimeApiClient(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://{endpoint}/{Version}/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<Invocation> NextAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseContentRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"GET /runtime/invocation/next answered {(int)response.StatusCode}");
        }

        var headers = response.Headers;
        var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("GET /runtime/invocation/next: no Lambda-Runtime-Aws-Request-Id header");
        var deadline = Header(headers, "Lambda-Runtime-Deadline-Ms") is { } ms && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var epochMs)
            ? DateTimeOffset.FromUnixTimeMilliseconds(epochMs)
            : throw new RuntimeApiException($"invocation {requestId}: missing or malformed Lambda-Runtime-Deadline-Ms header");
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        return new Invocation(requestId, deadline, Header(headers, "Lambda-Runtime-Trace-Id"), Header(headers, "Lambda-Runtime-Invoked-Function-Arn"), body);
    }

    public async Task PostResponseAsync(string requestId, Stream response, CancellationToken ct)
    {
        using var content = new StreamContent(response);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, null, ct);
    }

    public Task PostErrorAsync(string requestId, FunctionError error, CancellationToken ct) =>
        SendErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, ct);

    public Task PostInitErrorAsync(FunctionError error, CancellationToken ct) => SendErrorAsync("runtime/init/error", error, ct);

    public void Dispose() => _http.Dispose();

    private async Task SendErrorAsync(string path, FunctionError error, CancellationToken ct)
    {
        using var content = new ByteArrayContent(error.ToJson());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await PostAsync(path, content, error.ErrorType, ct);
    }

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.Add("Lambda-Runtime-Function-Error-Type", errorType);
        }

        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            // 413 (response too large) and 400/403 (unknown or finished request id) are the documented answers.
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new RuntimeApiException($"POST /{path} answered {(int)response.StatusCode}: {(body.Length > 200 ? body[..200] : body)}");
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>The Runtime API itself misbehaved (not the function): the bootstrap exits and Lambda restarts it.</summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException()
    {
    }

    public RuntimeApiException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
