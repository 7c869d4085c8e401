using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frgm.Application.Composition;
using Frgm.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Identity;

/// <summary>
/// The person the ALB authenticated (OIDC/Cognito action), from its signed <c>x-amzn-oidc-data</c> header: an ES256 JWT
/// whose <c>kid</c> names a public key served by the regional endpoint
/// <c>https://public-keys.auth.elb.&lt;region&gt;.amazonaws.com/&lt;kid&gt;</c> (PEM). The signature, the <c>signer</c>
/// (this environment's ALB ARN) and the expiry are checked; anything else yields null, so a forged or replayed
/// header from a client never names someone. Null too when the dashboard is not behind an authenticating ALB.
/// </summary>
public sealed partial class AlbIdentity
{
    public const string HeaderName = "x-amzn-oidc-data";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly AlbIdentitySettings _settings;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlbIdentity> _logger;
    private readonly ConcurrentDictionary<string, ECDsa> _keys = new(StringComparer.Ordinal);

    public AlbIdentity(AlbIdentitySettings settings, HttpClient http, TimeProvider clock, ILogger<AlbIdentity> logger)
    {
        _settings = settings;
        _http = http;
        _clock = clock;
        _logger = logger;
    }

    public bool Enabled => _settings.Signer is not null;

    /// <summary>The verified identity (email, else preferred_username, else sub) or null.</summary>
    public async Task<string?> VerifiedAsync(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Enabled || http.Request.Headers[HeaderName].FirstOrDefault() is not { Length: > 0 and < 16_384 } token)
        {
            return null;
        }

        try
        {
            return await VerifyAsync(token, ct);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or CryptographicException or HttpRequestException or KeyNotFoundException or InvalidOperationException)
        {
            _logger.LogWarning("x-amzn-oidc-data rejected: {Reason}", ex.Message);
            return null;
        }
    }

    public async Task<string?> VerifyAsync(string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("not a JWT (three dot-separated parts)");
        }

        using var header = JsonDocument.Parse(Base64Url(parts[0]));
        var h = header.RootElement;
        if (h.GetProperty("alg").GetString() != "ES256")
        {
            throw new FormatException("alg must be ES256");
        }

        if (h.GetProperty("signer").GetString() != _settings.Signer)
        {
            throw new FormatException("signed by another load balancer");
        }

        var kid = h.GetProperty("kid").GetString() ?? string.Empty;
        if (!KidRegex().IsMatch(kid))
        {
            throw new FormatException("kid is not a key id");
        }

        var key = await KeyAsync(kid, ct);
        // ALB signs the header and payload exactly as sent; the signature is raw r||s (IEEE P1363), 64 bytes.
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!key.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new CryptographicException("signature does not verify");
        }

        using var payload = JsonDocument.Parse(Base64Url(parts[1]));
        var p = payload.RootElement;
        var expires = DateTimeOffset.FromUnixTimeSeconds(h.TryGetProperty("exp", out var exp) ? exp.GetInt64() : p.GetProperty("exp").GetInt64());
        if (expires + ClockSkew < _clock.GetUtcNow())
        {
            throw new InvalidOperationException("token expired");
        }

        foreach (var claim in new[] { "email", "preferred_username", "sub" })
        {
            if (p.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 200 } who)
            {
                return who;
            }
        }

        return null;
    }

    private async Task<ECDsa> KeyAsync(string kid, CancellationToken ct)
    {
        if (_keys.TryGetValue(kid, out var cached))
        {
            return cached;
        }

        var pem = await _http.GetStringAsync(new Uri(_settings.KeyEndpoint.TrimEnd('/') + "/" + kid), ct);
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return _keys.GetOrAdd(kid, key);
    }

    /// <summary>ALB's JWT parts are base64url, sometimes with '=' padding: accept both.</summary>
    private static byte[] Base64Url(string part)
    {
        var s = part.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,128}$")]
    private static partial Regex KidRegex();
}

/// <summary>
/// <c>Frgm:AlbAuth:Signer</c> (the ALB's ARN; set by the CDK app when the listener authenticates) and
/// <c>Frgm:AlbAuth:KeyEndpoint</c> (default: the region's public-keys.auth.elb endpoint; tests use a loopback one).
/// </summary>
public sealed record AlbIdentitySettings(string? Signer, string KeyEndpoint)
{
    public static AlbIdentitySettings From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var bound = SettingsBinding.Bind(() => configuration.GetSection(SettingKeys.AlbAuth.Section).Get<Bound>()) ?? new Bound();
        var signer = string.IsNullOrWhiteSpace(bound.Signer) ? null : bound.Signer.Trim();
        var region = signer?.Split(':') is [_, _, _, var r, ..] && r.Length > 0 ? r : "us-east-1";
        return new AlbIdentitySettings(
            signer,
            string.IsNullOrWhiteSpace(bound.KeyEndpoint) ? $"https://public-keys.auth.elb.{region}.amazonaws.com" : bound.KeyEndpoint.Trim());
    }

    internal sealed class Bound
    {
        [Microsoft.Extensions.Configuration.ConfigurationKeyName(SettingKeys.AlbAuth.Signer)]
        public string? Signer { get; set; }

        [Microsoft.Extensions.Configuration.ConfigurationKeyName(SettingKeys.AlbAuth.KeyEndpoint)]
        public string? KeyEndpoint { get; set; }
    }
}
