using System.Net;
using System.Text;
using System.Text.Json;
using Frgm.Dashboard.Tests.Api;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Requests;

/// <summary>
/// Request limits on real Kestrel (TestServer enforces none of them): oversized, slow, long and header-heavy
/// requests are refused with API.md's JSON errors and never as a 503 store failure.
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private KestrelDashboard _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await KestrelDashboard.StartAsync(
            "limits", withSamples: false, "--Frgm:Limits:MinBodyBytesPerSecond=100", "--Frgm:Limits:BodyGraceSeconds=2");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_json_with_a_length_and_without_one()
    {
        // Just over the limit: small enough that the client has sent it all before the server refuses and closes.
        var big = "{\"by\": \"" + new string('x', 20_000) + "\"}";
        using var sized = await _app.Api.PostAsync("/api/alarms/some-id/ack", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal("payload_too_large", (await ApiErrorTests.ErrorAsync(sized, HttpStatusCode.RequestEntityTooLarge)).Code);

        // Chunked: no Content-Length to refuse up front, so Kestrel stops the read at the limit.
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/alarms/some-id/ack") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var streamed = await _app.Api.SendAsync(request);
        var error = await ApiErrorTests.ErrorAsync(streamed, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("payload_too_large", error.Code);
        Assert.Contains("16384 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_body_keeps_the_connection_when_it_can_be_drained_and_says_close_when_not()
    {
        var connections = 0;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(_app.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-API-Key", SampleFeeds.ApiKey);

        var overLimit = "{\"by\": \"" + new string('x', 20_000) + "\"}";
        using (var refused = await client.PostAsync("/api/alarms/some-id/ack", new StringContent(overLimit, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            Assert.False(refused.Headers.ConnectionClose ?? false, "a body the server can drain keeps the connection");
            await refused.Content.ReadAsStringAsync();
        }

        // The next request reuses the same connection: the server drained the refused body instead of closing it.
        using (var next = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }

        Assert.Equal(1, connections);

        var farOverLimit = "{\"by\": \"" + new string('x', 100_000) + "\"}";
        using var closed = await client.PostAsync("/api/alarms/some-id/ack", new StringContent(farOverLimit, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, closed.StatusCode);
        Assert.True(closed.Headers.ConnectionClose, "a body too big to drain is answered with Connection: close");
    }

    [Fact]
    public async Task A_slow_body_is_a_408_json_not_a_store_failure()
    {
        var head = string.Join("\r\n",
            "POST /api/alarms/some-id/ack HTTP/1.1",
            "Host: 127.0.0.1",
            $"X-API-Key: {SampleFeeds.ApiKey}",
            "Content-Type: application/json",
            "Content-Length: 5000");
        var (status, headers, body) = await RawHttp.StallAsync(_app.BaseUrl, head, "{\"by\": \"", TimeSpan.FromSeconds(60));
        Assert.True(status == 408, $"expected 408, got {status}: {headers}\n{body}");
        Assert.Contains("application/json", headers, StringComparison.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("request_timeout", doc.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_long_target_is_a_414_json_and_big_or_many_headers_a_431_json()
    {
        using var longUrl = await _app.Api.GetAsync("/api/positions?ticker=" + new string('A', 9000));
        Assert.Equal("uri_too_long", (await ApiErrorTests.ErrorAsync(longUrl, HttpStatusCode.RequestUriTooLong)).Code);

        using var bigHeader = new HttpRequestMessage(HttpMethod.Get, "/api/positions");
        bigHeader.Headers.Add("X-Filler", new string('b', 40_000));
        using var big = await _app.Api.SendAsync(bigHeader);
        Assert.Equal("headers_too_large", (await ApiErrorTests.ErrorAsync(big, HttpStatusCode.RequestHeaderFieldsTooLarge)).Code);

        using var manyHeaders = new HttpRequestMessage(HttpMethod.Get, "/positions");
        for (var i = 0; i < 150; i++)
        {
            manyHeaders.Headers.Add($"X-H{i}", "v");
        }

        using var many = await _app.Api.SendAsync(manyHeaders);
        Assert.Equal("headers_too_large", (await ApiErrorTests.ErrorAsync(many, HttpStatusCode.RequestHeaderFieldsTooLarge)).Code);
    }

    [Fact]
    public async Task A_rejected_value_comes_back_as_a_short_prefix()
    {
        var by = new string('y', 5000);
        using var response = await _app.Api.PostAsync("/api/alarms/some-id/ack", new StringContent($"{{\"by\": \"{by}\"}}", Encoding.UTF8, "application/json"));
        var error = await ApiErrorTests.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.True(error.Message.Length < 400, error.Message);
        Assert.Contains("5000 characters", error.Message, StringComparison.Ordinal);

        using var longId = await _app.Api.PostAsync("/api/alarms/" + new string('i', 3000) + "/ack", new StringContent("{\"by\": \"ops\"}", Encoding.UTF8, "application/json"));
        var notFound = await ApiErrorTests.ErrorAsync(longId, HttpStatusCode.NotFound);
        Assert.True(notFound.Message.Length < 400, notFound.Message);
    }
}
