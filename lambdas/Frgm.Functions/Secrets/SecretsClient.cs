using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Frgm.Functions.Secrets;

/// <summary>
/// Reads Secrets Manager secrets through the AWS Parameters and Secrets Lambda Extension (an HTTP cache on
/// localhost inside the Lambda sandbox; no SDK needed), cached for the life of the process. Locally, and in
/// tests, a secret can instead come from <c>Frgm__Secrets__&lt;id&gt;</c> or the JSON file <c>Frgm__SecretsFile</c>.
/// Secret values are never logged or put in exception messages.
/// </summary>
public sealed class SecretsClient
{
    public const int DefaultExtensionPort = 2773;
    public const string PortVariable = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    public const string TokenHeader = "X-Aws-Parameters-Secrets-Token";
    public const string LocalPrefix = "Frgm__Secrets__";
    public const string LocalFileVariable = "Frgm__SecretsFile";

    private readonly HttpClient _http;
    private readonly Func<string, string?> _env;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<string> _extensionRetry;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    public SecretsClient(HttpClient http, Func<string, string?>? environment, ILogger logger)
    {
        _http = http;
        _env = environment ?? Environment.GetEnvironmentVariable;
        _logger = logger;
        _extensionRetry = ExtensionRetry(logger);
    }

    /// <summary>The environment variable that overrides a secret locally: non-alphanumerics become '_'.</summary>
    public static string LocalVariableName(string secretId)
    {
        ArgumentNullException.ThrowIfNull(secretId);
        var name = new StringBuilder(LocalPrefix);
        foreach (var c in secretId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return name.ToString();
    }

    public async Task<string> GetSecretStringAsync(string secretId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretId);
        if (_cache.TryGetValue(secretId, out var cached))
        {
            return cached;
        }

        var value = ReadLocal(secretId) ?? await ReadFromExtensionAsync(secretId, ct);
        _cache[secretId] = value;
        return value;
    }

    private string? ReadLocal(string secretId)
    {
        if (_env(LocalVariableName(secretId)) is { Length: > 0 } direct)
        {
            _logger.LogInformation("secret {SecretId} read from {Variable}", secretId, LocalVariableName(secretId));
            return direct;
        }

        if (_env(LocalFileVariable) is not { Length: > 0 } file)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        if (!doc.RootElement.TryGetProperty(secretId, out var entry))
        {
            return null;
        }

        _logger.LogInformation("secret {SecretId} read from secrets file {File}", secretId, file);
        return entry.ValueKind == JsonValueKind.String ? entry.GetString()! : entry.GetRawText();
    }

    private async Task<string> ReadFromExtensionAsync(string secretId, CancellationToken ct)
    {
        var token = _env("AWS_SESSION_TOKEN");
        if (string.IsNullOrEmpty(token))
        {
            throw new SecretUnavailableException(
                $"secret '{secretId}': not running in Lambda (no AWS_SESSION_TOKEN) and neither " +
                $"{LocalVariableName(secretId)} nor an entry in {LocalFileVariable} is set");
        }

        var port = _env(PortVariable) is { Length: > 0 } p ? int.Parse(p, CultureInfo.InvariantCulture) : DefaultExtensionPort;
        var uri = new Uri($"http://localhost:{port}/secretsmanager/get?secretId={Uri.EscapeDataString(secretId)}");

        // The extension starts alongside the function; during the first milliseconds of a cold start it may refuse.
        try
        {
            var body = await _extensionRetry.ExecuteAsync(
                async cancel =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    request.Headers.Add(TokenHeader, token);
                    using var response = await _http.SendAsync(request, cancel);
                    var text = await response.Content.ReadAsStringAsync(cancel);
                    if (!response.IsSuccessStatusCode)
                    {
                        // The extension's error bodies describe the request, never the secret value.
                        throw new SecretUnavailableException(
                            $"secret '{secretId}': extension answered {(int)response.StatusCode}: {Truncate(text)}");
                    }

                    return text;
                },
                ct);
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("SecretString", out var secret) || secret.ValueKind != JsonValueKind.String)
            {
                throw new SecretUnavailableException($"secret '{secretId}': extension response has no SecretString (binary secrets are not supported)");
            }

            _logger.LogInformation("secret {SecretId} read through the Parameters and Secrets extension", secretId);
            return secret.GetString()!;
        }
        catch (JsonException ex)
        {
            throw new SecretUnavailableException($"secret '{secretId}': extension response is not JSON", ex);
        }
    }

    /// <summary>Connection refusals only (the extension not listening yet): 5 attempts, 100 ms more wait each time.</summary>
    private static ResiliencePipeline<string> ExtensionRetry(ILogger logger) => new ResiliencePipelineBuilder<string>()
        .AddRetry(new RetryStrategyOptions<string>
        {
            ShouldHandle = new PredicateBuilder<string>().Handle<HttpRequestException>(),
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Linear,
            Delay = TimeSpan.FromMilliseconds(100),
            OnRetry = args =>
            {
                logger.LogWarning(
                    "secrets extension not reachable yet ({Error}); attempt {Attempt}", args.Outcome.Exception!.Message, args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];
}

public sealed class SecretUnavailableException : Exception
{
    public SecretUnavailableException(string message)
        : base(message)
    {
    }

    public SecretUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SecretUnavailableException()
    {
    }
}
