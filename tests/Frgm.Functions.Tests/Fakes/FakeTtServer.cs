using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>
/// TT REST API 2.0 as its documentation describes it: <c>POST /ttid/{env}/token</c> (x-api-key + form
/// grant_type=user_app&amp;app_key=...), then <c>GET /ttledger/{env}/orders?requestId=&lt;app&gt;-&lt;guid&gt;</c>
/// with Bearer token and x-api-key; lowercase paths only (anything else is 403); tokens expire. Faults
/// (303 redirect, 429 with Retry-After, 5xx, malformed JSON, revoked token) are queued per test.
/// </summary>
public sealed partial class FakeTtServer : IDisposable
{
    public const string KeyId = "tt-key-id";
    public const string KeySecret = "tt-key-id:very-secret";
    public const string Env = "ext_uat_cert";

    private readonly LoopbackHttpServer _server;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private readonly ConcurrentQueue<Func<SeenRequest, CannedResponse?>> _orderFaults = new();
    private int _tokenCount;

    public FakeTtServer(TimeProvider clock)
    {
        _clock = clock;
        _server = new LoopbackHttpServer(Handle);
    }

    public Uri BaseUri => _server.BaseUri;

    public IReadOnlyList<SeenRequest> Requests => _server.Requests;

    public int TokenRequests => Requests.Count(r => r.Path == $"/ttid/{Env}/token");

    public int OrderRequests => Requests.Count(r => r.Path == $"/ttledger/{Env}/orders");

    /// <summary>The ledger's "orders" array (raw TT JSON).</summary>
    public string OrdersJson { get; set; } = "[]";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Answers the next orders request with <paramref name="fault"/> (null from the fault = serve normally).</summary>
    public void EnqueueOrdersFault(Func<SeenRequest, CannedResponse?> fault) => _orderFaults.Enqueue(fault);

    public void RevokeAllTokens() => _tokens.Clear();

    public void Dispose() => _server.Dispose();

    private CannedResponse Handle(SeenRequest request)
    {
        var path = request.Path;
        if (path.Any(char.IsAsciiLetterUpper))
        {
            return new CannedResponse(403, """{"message":"Forbidden"}""");
        }

        if (path == $"/ttid/{Env}/token" && request.Method == "POST")
        {
            return Token(request);
        }

        if (path == $"/ttledger/{Env}/orders" && request.Method == "GET")
        {
            if (_orderFaults.TryDequeue(out var fault) && fault(request) is { } faulted)
            {
                return faulted;
            }

            return Orders(request);
        }

        // Where a 303 sends the client: same contract as the orders endpoint.
        if (path == $"/ttledger/{Env}/orders-routed" && request.Method == "GET")
        {
            return Orders(request);
        }

        return new CannedResponse(404, """{"status":"Failed","message":"no such endpoint"}""");
    }

    private CannedResponse Token(SeenRequest request)
    {
        var form = HttpUtility.ParseQueryString(request.Body);
        if (request.Header("x-api-key") != KeyId)
        {
            return new CannedResponse(401, """{"status":"Failed","status_message":"invalid x-api-key"}""");
        }

        if (form["grant_type"] != "user_app" || form["app_key"] != KeySecret
            || request.Header("content-type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) != true)
        {
            return new CannedResponse(400, """{"status":"Failed","status_message":"invalid grant"}""");
        }

        var token = "tok-" + Interlocked.Increment(ref _tokenCount);
        var expiresAt = _clock.GetUtcNow() + TokenLifetime;
        _tokens[token] = expiresAt;
        var seconds = (long)TokenLifetime.TotalSeconds;
        return new CannedResponse(
            200,
            JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["status"] = "Ok",
                ["access_token"] = token,
                ["token_type"] = "bearer",
                ["expires_in"] = expiresAt.ToUnixTimeSeconds(),
                ["seconds_until_expiry"] = seconds,
            }));
    }

    private CannedResponse Orders(SeenRequest request)
    {
        var query = HttpUtility.ParseQueryString(request.PathAndQuery.Contains('?', StringComparison.Ordinal) ? request.PathAndQuery.Split('?', 2)[1] : string.Empty);
        if (query["requestId"] is not { } requestId || !RequestIdPattern().IsMatch(requestId))
        {
            return new CannedResponse(400, """{"status":"Failed","status_message":"requestId must be <app>-<guid>"}""");
        }

        if (request.Header("x-api-key") != KeyId || !IsValidBearer(request.Header("authorization")))
        {
            return new CannedResponse(401, """{"status":"Failed","status_message":"Unauthorized"}""");
        }

        return new CannedResponse(200, $$"""{"status":"Ok","lastPage":"true","orders":{{OrdersJson}}}""");
    }

    private bool IsValidBearer(string? authorization) =>
        authorization is not null
        && authorization.StartsWith("Bearer ", StringComparison.Ordinal)
        && _tokens.TryGetValue(authorization["Bearer ".Length..], out var expiresAt)
        && _clock.GetUtcNow() < expiresAt;

    [GeneratedRegex("^[A-Za-z0-9_]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex RequestIdPattern();
}
