using System.Globalization;
using System.Net;
using System.Text.Json;
using Frgm.Functions.Http;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Tt;

/// <summary>
/// TT REST API 2.0: a token from ttid (cached until shortly before it expires), then the ledger's orders.
/// Redirects are followed here, not by HttpClient, because TT routes with 303s and HttpClient would drop the
/// Authorization header on every redirect; we re-send credentials only to the host they were meant for.
/// </summary>
public sealed class TtRestClient
{
    private const int MaxRedirects = 5;
    private const int MaxPages = 50;

    private readonly HttpClient _http;
    private readonly TtSettings _settings;
    private readonly TtCredentials _credentials;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly RetryPolicy _retry;
    private string? _token;
    private DateTimeOffset _tokenRenewAt;

    /// <param name="http">Must not follow redirects itself: build it from <see cref="CreateHandler"/>.</param>
    public TtRestClient(HttpClient http, TtSettings settings, TtCredentials credentials, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _http = http;
        _settings = settings;
        _credentials = credentials;
        _clock = clock;
        _logger = logger;
        _retry = new RetryPolicy(settings.MaxAttempts, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8), clock, logger);
    }

    /// <summary>How many tokens this client has fetched (a cache hit fetches none).</summary>
    public int TokensFetched { get; private set; }

    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Every order object the ledger returns (all pages), untouched: normalisation is a separate step.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetOrdersAsync(DateTimeOffset deadline, CancellationToken ct)
    {
        var orders = new List<JsonElement>();
        string? pageKey = null;
        for (var page = 1; page <= MaxPages; page++)
        {
            var query = "requestId=" + Uri.EscapeDataString(NewRequestId());
            if (pageKey is not null)
            {
                query += "&nextPageKey=" + Uri.EscapeDataString(pageKey);
            }

            var body = await GetAuthorizedAsync(ServiceUri("ttledger", "orders", query), deadline, ct);
            pageKey = ReadOrdersPage(body, orders);
            if (pageKey is null)
            {
                return orders;
            }
        }

        throw new TtApiException($"ttledger orders: more than {MaxPages} pages; refusing to continue");
    }

    /// <summary>
    /// A bearer token, from the cache while it is comfortably valid. Not guarded against concurrent callers:
    /// a Lambda process runs one invocation at a time and the poller calls sequentially.
    /// </summary>
    public async Task<string> GetTokenAsync(DateTimeOffset deadline, CancellationToken ct)
    {
        if (_token is not null && _clock.GetUtcNow() < _tokenRenewAt)
        {
            return _token;
        }

        var (token, lifetime) = await RequestTokenAsync(deadline, ct);
        _token = token;
        var renewBefore = lifetime > _settings.TokenRenewBefore * 2 ? _settings.TokenRenewBefore : lifetime / 2;
        _tokenRenewAt = _clock.GetUtcNow() + lifetime - renewBefore;
        TokensFetched++;
        _logger.LogInformation("TT token obtained; valid for {Seconds} s", (long)lifetime.TotalSeconds);
        return token;
    }

    public void InvalidateToken()
    {
        _token = null;
        _tokenRenewAt = DateTimeOffset.MinValue;
    }

    private Uri ServiceUri(string service, string path, string? query)
    {
        // TT paths are case-sensitive and must be lowercase (an upper-case service name is a 403).
        var baseText = _settings.BaseUrl.ToString().TrimEnd('/');
        var text = $"{baseText}/{service}/{_settings.Environment}/{path}".ToLowerInvariant();
        return new Uri(query is null ? text : text + "?" + query);
    }

    private string NewRequestId() => $"{_settings.AppName}-{Guid.NewGuid():D}";

    private async Task<(string Token, TimeSpan Lifetime)> RequestTokenAsync(DateTimeOffset deadline, CancellationToken ct)
    {
        var uri = ServiceUri("ttid", "token", null);
        using var response = await _retry.SendAsync(
            token => SendFollowingRedirectsAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, uri)
                    {
                        Content = new FormUrlEncodedContent(
                        [
                            new("grant_type", "user_app"),
                            new("app_key", _credentials.AppKeySecret),
                        ]),
                    };
                    request.Headers.Add("x-api-key", _credentials.AppKeyId);
                    return request;
                },
                bearer: null,
                token),
            "TT token",
            deadline,
            ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new TtApiException($"TT token request failed: {(int)response.StatusCode} {Snippet(body)}");
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var accessToken = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (string.IsNullOrEmpty(accessToken))
            {
                throw new TtApiException("TT token response has no access_token");
            }

            return (accessToken, ReadLifetime(root));
        }
        catch (JsonException ex)
        {
            throw new TtApiException("TT token response is not JSON", ex);
        }
    }

    /// <summary>seconds_until_expiry when given; else expires_in, which TT has sent both as seconds and as an epoch time.</summary>
    private TimeSpan ReadLifetime(JsonElement root)
    {
        if (TtJson.Number(root, "seconds_until_expiry") is { } seconds && seconds > 0)
        {
            return TimeSpan.FromSeconds((double)seconds);
        }

        if (TtJson.Number(root, "expires_in") is { } expires && expires > 0)
        {
            if (expires > 1_000_000_000m)
            {
                var left = DateTimeOffset.FromUnixTimeSeconds((long)expires) - _clock.GetUtcNow();
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }

            return TimeSpan.FromSeconds((double)expires);
        }

        // No lifetime given: use it for this invocation only.
        return TimeSpan.Zero;
    }

    private async Task<string> GetAuthorizedAsync(Uri uri, DateTimeOffset deadline, CancellationToken ct)
    {
        for (var authAttempt = 1; ; authAttempt++)
        {
            var bearer = await GetTokenAsync(deadline, ct);
            using var response = await _retry.SendAsync(
                token => SendFollowingRedirectsAsync(
                    () =>
                    {
                        var request = new HttpRequestMessage(HttpMethod.Get, uri);
                        request.Headers.Add("x-api-key", _credentials.AppKeyId);
                        return request;
                    },
                    bearer,
                    token),
                "TT orders",
                deadline,
                ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized && authAttempt == 1)
            {
                // The token was revoked or expired early: one fresh token, then give up.
                _logger.LogWarning("TT answered 401; re-authenticating once");
                InvalidateToken();
                continue;
            }

            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new TtApiException($"TT orders request failed: {(int)response.StatusCode} {Snippet(body)}");
            }

            return body;
        }
    }

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(
        Func<HttpRequestMessage> create,
        string? bearer,
        CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_settings.RequestTimeout);
        var request = create();
        var origin = request.RequestUri!;
        AddBearer(request, bearer);
        for (var hop = 0; ; hop++)
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is null)
            {
                request.Dispose();
                return response;
            }

            if (hop >= MaxRedirects)
            {
                request.Dispose();
                response.Dispose();
                throw new TtApiException($"TT: more than {MaxRedirects} redirects from {origin.GetLeftPart(UriPartial.Path)}");
            }

            var target = response.Headers.Location.IsAbsoluteUri
                ? response.Headers.Location
                : new Uri(request.RequestUri!, response.Headers.Location);
            response.Dispose();

            // 307/308 repeat the method and body; 301/302/303 continue with a GET.
            var next = status is 307 or 308 ? create() : new HttpRequestMessage(HttpMethod.Get, target);
            next.RequestUri = target;
            var sameHost = Uri.Compare(origin, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
            if (sameHost)
            {
                if (!next.Headers.Contains("x-api-key"))
                {
                    next.Headers.Add("x-api-key", _credentials.AppKeyId);
                }

                AddBearer(next, bearer);
            }
            else
            {
                next.Headers.Remove("x-api-key");
                next.Headers.Authorization = null;
                _logger.LogWarning("TT redirected to another host ({Host}); credentials not forwarded", target.Host);
            }

            request.Dispose();
            request = next;
        }
    }

    private static void AddBearer(HttpRequestMessage request, string? bearer)
    {
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }
    }

    /// <summary>Adds one page's orders; returns the next page key, or null on the last page.</summary>
    private static string? ReadOrdersPage(string body, List<JsonElement> orders)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new TtApiException("TT orders response is not JSON", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            JsonElement list;
            if (root.ValueKind == JsonValueKind.Array)
            {
                list = root;
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("orders", out var o) && o.ValueKind == JsonValueKind.Array)
            {
                list = o;
            }
            else
            {
                var status = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) ? s.ToString() : "(none)";
                throw new TtApiException($"TT orders response has no 'orders' array (status {status})");
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var st)
                && st.ValueKind == JsonValueKind.String && !string.Equals(st.GetString(), "Ok", StringComparison.OrdinalIgnoreCase))
            {
                throw new TtApiException($"TT orders response status '{st.GetString()}'");
            }

            foreach (var order in list.EnumerateArray())
            {
                orders.Add(order.Clone());
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var lastPage = root.TryGetProperty("lastPage", out var lp) ? lp.ToString() : "true";
            var key = root.TryGetProperty("nextPageKey", out var nk) && nk.ValueKind == JsonValueKind.String ? nk.GetString() : null;
            return string.Equals(lastPage, "false", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(key) ? key : null;
        }
    }

    private static string Snippet(string body) => body.Length <= 200 ? body : body[..200];
}
