using Frgm.Functions.Secrets;
using Frgm.Functions.Tests.Fakes;

namespace Frgm.Functions.Tests.Hosting;

public sealed class SecretsClientTests : IDisposable
{
    private const string Arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:frgm/tt-AbCdEf";
    private const string SessionToken = "session-token-123";
    private const string SecretJson = """{"app_key_id":"id-1","app_key_secret":"s3cr3t"}""";
    private readonly LoopbackHttpServer _extension;
    private readonly HttpClient _http = new();
    private readonly CapturedOutput _output = new();

    public SecretsClientTests()
    {
        // The Parameters and Secrets extension: GET /secretsmanager/get?secretId=..., token header required.
        _extension = new LoopbackHttpServer(
            r =>
            {
                if (r.Header(SecretsClient.TokenHeader) != SessionToken)
                {
                    return new CannedResponse(401, "missing or invalid X-Aws-Parameters-Secrets-Token", null, "text/plain");
                }

                return r.Path == "/secretsmanager/get" && r.PathAndQuery.EndsWith("?secretId=" + Uri.EscapeDataString(Arn), StringComparison.Ordinal)
                    ? new CannedResponse(200, System.Text.Json.JsonSerializer.Serialize(new { ARN = Arn, Name = "frgm/tt", SecretString = SecretJson, VersionId = "v1" }))
                    : new CannedResponse(400, "ResourceNotFoundException", null, "text/plain");
            },
            host: "localhost");
    }

    public void Dispose()
    {
        _http.Dispose();
        _extension.Dispose();
    }

    [Fact]
    public async Task Reads_through_the_extension_with_the_session_token_and_caches_it()
    {
        var client = Client(new() { ["AWS_SESSION_TOKEN"] = SessionToken, [SecretsClient.PortVariable] = _extension.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var first = await client.GetSecretStringAsync(Arn, default);
        var second = await client.GetSecretStringAsync(Arn, default);

        Assert.Equal(SecretJson, first);
        Assert.Equal(first, second);
        Assert.Single(_extension.Requests);
        Assert.Equal("id-1", SecretFields.Required(first, "app_key_id", Arn));
        Assert.DoesNotContain("s3cr3t", _output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_by_the_extension_and_the_error_names_the_secret()
    {
        var client = Client(new() { ["AWS_SESSION_TOKEN"] = "wrong", [SecretsClient.PortVariable] = _extension.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => client.GetSecretStringAsync(Arn, default));

        Assert.Contains(Arn, error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locally_an_environment_variable_or_a_secrets_file_stands_in()
    {
        var file = Path.Combine(Path.GetTempPath(), $"frgm-secrets-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"slack":{"webhook_url":"http://127.0.0.1:1/hook"},"plain":"just-text"}""");
        try
        {
            var client = Client(new() { [SecretsClient.LocalVariableName(Arn)] = SecretJson, [SecretsClient.LocalFileVariable] = file });

            Assert.Equal(SecretJson, await client.GetSecretStringAsync(Arn, default));
            Assert.Equal("http://127.0.0.1:1/hook", SecretFields.FieldOrPlain(await client.GetSecretStringAsync("slack", default), "webhook_url", "slack"));
            Assert.Equal("just-text", SecretFields.FieldOrPlain(await client.GetSecretStringAsync("plain", default), "webhook_url", "plain"));
            Assert.Empty(_extension.Requests);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Outside_Lambda_without_a_local_value_the_error_says_how_to_provide_one()
    {
        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => Client(new()).GetSecretStringAsync("frgm/tt", default));

        Assert.Contains("Frgm__Secrets__frgm_tt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_field_is_named_without_showing_the_value()
    {
        var error = Assert.Throws<SecretUnavailableException>(() => SecretFields.Required("""{"app_key_id":"visible-secret"}""", "app_key_secret", "frgm/tt"));

        Assert.Contains("app_key_secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("visible-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extension_not_listening_yet_is_retried_until_it_answers()
    {
        using var starting = new HttpClient(new RefusingHandler(refusals: 3));
        var client = new SecretsClient(starting, Env(SessionToken).GetValueOrDefault, _output.Loggers.CreateLogger("secrets"));

        Assert.Equal(SecretJson, await client.GetSecretStringAsync(Arn, default));
        Assert.Single(_extension.Requests);
        Assert.Equal(3, CountOf("secrets extension not reachable yet"));
    }

    [Fact]
    public async Task An_extension_that_never_listens_fails_after_five_attempts()
    {
        var handler = new RefusingHandler(refusals: int.MaxValue);
        using var never = new HttpClient(handler);
        var client = new SecretsClient(never, Env(SessionToken).GetValueOrDefault, _output.Loggers.CreateLogger("secrets"));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetSecretStringAsync(Arn, default));

        Assert.Equal(5, handler.Sends);
        Assert.Empty(_extension.Requests);
    }

    private Dictionary<string, string> Env(string token) =>
        new() { ["AWS_SESSION_TOKEN"] = token, [SecretsClient.PortVariable] = _extension.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private int CountOf(string text)
    {
        var all = _output.Text;
        var count = 0;
        for (var at = all.IndexOf(text, StringComparison.Ordinal); at >= 0; at = all.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private SecretsClient Client(Dictionary<string, string> env) =>
        new(_http, name => env.TryGetValue(name, out var v) ? v : null, _output.Loggers.CreateLogger("secrets"));

    /// <summary>The extension during a cold start: the first sends find nothing listening (connection refused), as a socket would.</summary>
    private sealed class RefusingHandler(int refusals) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _sends;

        public int Sends => _sends;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _sends) <= refusals
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (localhost:2773)")
                : base.SendAsync(request, cancellationToken);
    }
}
