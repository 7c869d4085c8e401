using Frgm.Functions.Tests.Fakes;
using Frgm.Functions.Tt;

namespace Frgm.Functions.Tests.Tt;

public sealed class TtRestClientTests
{
    private const string TwoOrders = """[{"orderId":"a1","side":"1"},{"orderId":"a2","side":"2"}]""";

    [Fact]
    public async Task Fetches_a_token_then_the_orders_with_the_documented_headers()
    {
        using var f = new TtClientFixture();
        f.Server.OrdersJson = TwoOrders;

        var orders = await f.Client.GetOrdersAsync(f.Deadline, default);

        Assert.Equal(2, orders.Count);
        var token = Assert.Single(f.Server.Requests, r => r.Path.EndsWith("/token", StringComparison.Ordinal));
        Assert.Equal("POST", token.Method);
        Assert.Equal("/ttid/ext_uat_cert/token", token.Path);
        Assert.Equal(FakeTtServer.KeyId, token.Header("x-api-key"));
        Assert.Contains("grant_type=user_app", token.Body, StringComparison.Ordinal);
        var get = Assert.Single(f.Server.Requests, r => r.Path.EndsWith("/orders", StringComparison.Ordinal));
        Assert.Equal("Bearer tok-1", get.Header("authorization"));
        Assert.Equal(FakeTtServer.KeyId, get.Header("x-api-key"));
        Assert.Matches("requestId=frgm-[0-9a-f-]{36}$", get.PathAndQuery);
    }

    [Fact]
    public async Task Paths_are_lowercase_even_when_the_base_url_is_not()
    {
        using var f = new TtClientFixture();
        var upper = new TtSettings { BaseUrl = new Uri(f.Server.BaseUri.ToString().ToUpperInvariant()), Environment = FakeTtServer.Env };
        var client = new TtRestClient(f.Http, upper, TtClientFixture.Credentials, f.Clock, f.Output.Loggers.CreateLogger("tt"));

        var orders = await client.GetOrdersAsync(f.Deadline, default);

        Assert.Empty(orders);
        Assert.All(f.Server.Requests, r => Assert.Equal(r.Path.ToLowerInvariant(), r.Path));
    }

    [Fact]
    public async Task The_token_is_cached_while_valid_and_renewed_before_it_expires()
    {
        using var f = new TtClientFixture();
        f.Server.TokenLifetime = TimeSpan.FromMinutes(10);

        await f.Client.GetOrdersAsync(f.Deadline, default);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        await f.Client.GetOrdersAsync(f.Deadline, default);
        Assert.Equal(1, f.Server.TokenRequests);

        // Within the renewal margin (60 s before expiry): a new token, before TT would refuse the old one.
        f.Clock.Advance(TimeSpan.FromMinutes(9));
        await f.Client.GetOrdersAsync(f.Deadline, default);
        Assert.Equal(2, f.Server.TokenRequests);
        Assert.Equal(2, f.Client.TokensFetched);
        Assert.Equal(3, f.Server.OrderRequests);
    }

    [Fact]
    public async Task A_401_re_authenticates_once_and_succeeds()
    {
        using var f = new TtClientFixture();
        f.Server.OrdersJson = TwoOrders;
        await f.Client.GetOrdersAsync(f.Deadline, default);
        f.Server.RevokeAllTokens();

        var orders = await f.Client.GetOrdersAsync(f.Deadline, default);

        Assert.Equal(2, orders.Count);
        Assert.Equal(2, f.Server.TokenRequests);
        Assert.Equal("Bearer tok-2", f.Server.Requests[^1].Header("authorization"));
    }

    [Fact]
    public async Task A_second_401_after_re_authenticating_fails_the_call()
    {
        using var f = new TtClientFixture();
        var unauthorized = new CannedResponse(401, """{"status":"Failed"}""");
        f.Server.EnqueueOrdersFault(_ => unauthorized);
        f.Server.EnqueueOrdersFault(_ => unauthorized);

        var error = await Assert.ThrowsAsync<TtApiException>(() => f.Client.GetOrdersAsync(f.Deadline, default));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, f.Server.TokenRequests);
        Assert.Equal(2, f.Server.OrderRequests);
    }

    [Fact]
    public async Task A_303_is_followed_with_credentials_to_the_same_host()
    {
        using var f = new TtClientFixture();
        f.Server.OrdersJson = TwoOrders;
        f.Server.EnqueueOrdersFault(r => new CannedResponse(
            303,
            string.Empty,
            new Dictionary<string, string> { ["Location"] = "/ttledger/ext_uat_cert/orders-routed?" + r.PathAndQuery.Split('?')[1] }));

        var orders = await f.Client.GetOrdersAsync(f.Deadline, default);

        Assert.Equal(2, orders.Count);
        var routed = Assert.Single(f.Server.Requests, r => r.Path.EndsWith("/orders-routed", StringComparison.Ordinal));
        Assert.Equal("GET", routed.Method);
        Assert.Equal("Bearer tok-1", routed.Header("authorization"));
        Assert.Equal(FakeTtServer.KeyId, routed.Header("x-api-key"));
    }

    [Fact]
    public async Task A_redirect_to_another_host_does_not_carry_the_credentials()
    {
        using var f = new TtClientFixture();
        using var elsewhere = new LoopbackHttpServer(_ => new CannedResponse(200, """{"status":"Ok","orders":[]}"""), host: "localhost");
        f.Server.EnqueueOrdersFault(_ => new CannedResponse(
            303,
            string.Empty,
            new Dictionary<string, string> { ["Location"] = new Uri(elsewhere.BaseUri, "orders").ToString() }));

        await f.Client.GetOrdersAsync(f.Deadline, default);

        var seen = Assert.Single(elsewhere.Requests);
        Assert.Null(seen.Header("authorization"));
        Assert.Null(seen.Header("x-api-key"));
    }

    [Fact]
    public async Task A_429_waits_as_long_as_Retry_After_says_then_retries()
    {
        using var f = new TtClientFixture();
        f.Server.OrdersJson = TwoOrders;
        f.Server.EnqueueOrdersFault(_ => new CannedResponse(429, """{"status":"Failed","status_message":"Too Many Requests"}""", new Dictionary<string, string> { ["Retry-After"] = "7" }));

        var orders = await f.Client.GetOrdersAsync(f.Deadline, default);

        Assert.Equal(2, orders.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], f.Clock.Waits);
        Assert.Equal(2, f.Server.OrderRequests);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_exponential_backoff()
    {
        using var f = new TtClientFixture();
        f.Server.OrdersJson = TwoOrders;
        f.Server.EnqueueOrdersFault(_ => new CannedResponse(503, "unavailable"));
        f.Server.EnqueueOrdersFault(_ => new CannedResponse(500, "oops"));

        var orders = await f.Client.GetOrdersAsync(f.Deadline, default);

        Assert.Equal(2, orders.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)], f.Clock.Waits);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_invocation_budget_gives_up_without_waiting()
    {
        using var f = new TtClientFixture(budget: TimeSpan.FromSeconds(20));
        f.Server.EnqueueOrdersFault(_ => new CannedResponse(429, "{}", new Dictionary<string, string> { ["Retry-After"] = "45" }));

        var error = await Assert.ThrowsAsync<TtApiException>(() => f.Client.GetOrdersAsync(f.Deadline, default));

        Assert.Contains("429", error.Message, StringComparison.Ordinal);
        Assert.Empty(f.Clock.Waits);
    }

    [Fact]
    public async Task A_malformed_orders_body_is_an_error_not_an_empty_set()
    {
        using var f = new TtClientFixture();
        f.Server.EnqueueOrdersFault(_ => new CannedResponse(200, """{"status":"Ok","orders":[{"orderId":"""));

        var error = await Assert.ThrowsAsync<TtApiException>(() => f.Client.GetOrdersAsync(f.Deadline, default));

        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_an_orders_array_is_an_error()
    {
        using var f = new TtClientFixture();
        f.Server.EnqueueOrdersFault(_ => new CannedResponse(200, """{"status":"Ok","items":[]}"""));

        var error = await Assert.ThrowsAsync<TtApiException>(() => f.Client.GetOrdersAsync(f.Deadline, default));

        Assert.Contains("no 'orders' array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_fail_at_the_token_and_never_print_the_secret()
    {
        using var f = new TtClientFixture();
        var wrong = new TtCredentials(FakeTtServer.KeyId, "not-the-secret");
        var client = new TtRestClient(f.Http, f.Settings, wrong, f.Clock, f.Output.Loggers.CreateLogger("tt"));

        var error = await Assert.ThrowsAsync<TtApiException>(() => client.GetOrdersAsync(f.Deadline, default));

        Assert.Contains("token request failed: 400", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", wrong.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", f.Output.Text, StringComparison.Ordinal);
    }
}
