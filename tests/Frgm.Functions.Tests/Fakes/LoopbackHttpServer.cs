using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Frgm.TestSupport;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>One request as the server saw it.</summary>
public sealed record SeenRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Path => PathAndQuery.Split('?')[0];

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>What the server answers.</summary>
public sealed record CannedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, string ContentType = "application/json");

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) that stands in for a vendor we cannot run locally.
/// The handler follows the vendor's documented behaviour; every request is recorded for assertions.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly LoopbackListener _listener;
    private readonly Func<SeenRequest, CannedResponse> _handler;
    private readonly ConcurrentQueue<SeenRequest> _seen = new();

    public LoopbackHttpServer(Func<SeenRequest, CannedResponse> handler, string host = "127.0.0.1")
    {
        _handler = handler;
        _listener = new LoopbackListener(ServeAsync, concurrent: false, host);
    }

    public int Port => _listener.Port;

    public Uri BaseUri => _listener.BaseUri;

    public IReadOnlyList<SeenRequest> Requests => [.. _seen];

    public void Dispose() => _listener.Dispose();

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k]!);
            var seen = new SeenRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body);
            _seen.Enqueue(seen);
            CannedResponse answer;
            try
            {
                answer = _handler(seen);
            }
#pragma warning disable CA1031 // a handler bug must become a visible 500, not a hung client
            catch (Exception ex)
#pragma warning restore CA1031
            {
                answer = new CannedResponse(599, "fake server handler threw: " + ex.Message, null, "text/plain");
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (HttpListenerException)
        {
            // client went away
        }
    }
}
