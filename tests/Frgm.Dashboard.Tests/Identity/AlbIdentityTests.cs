using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frgm.Dashboard.Identity;
using Frgm.Dashboard.Tests.Support;
using Frgm.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Dashboard.Tests.Identity;

/// <summary>
/// Issue 14 item 6: the ALB-verified identity from x-amzn-oidc-data (ES256, key by kid from a loopback stand-in for
/// public-keys.auth.elb.&lt;region&gt;.amazonaws.com) is who acknowledged; forged, foreign or expired headers are not.
/// </summary>
public sealed class AlbIdentityTests : IAsyncDisposable
{
    private const string Signer = "arn:aws:elasticloadbalancing:us-east-1:333333333333:loadbalancer/app/frgm-prod/0123456789abcdef";
    private const string Kid = "5f1c8b1e-1d2c-4a3b-9e8f-000000000001";
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly WebApplication _keys;
    private readonly string _keyEndpoint;
    private int _keyRequests;

    public AlbIdentityTests()
    {
        var port = FreePort.Next();
        _keyEndpoint = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_keyEndpoint);
        _keys = builder.Build();
        var pem = _key.ExportSubjectPublicKeyInfoPem();
        _keys.MapGet("/{kid}", (string kid) =>
        {
            Interlocked.Increment(ref _keyRequests);
            return kid == Kid ? Results.Text(pem) : Results.NotFound();
        });
        _keys.StartAsync().GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _keys.StopAsync();
        await _keys.DisposeAsync();
        _key.Dispose();
    }

    private AlbIdentity Identity(string? signer = Signer) =>
        new(new AlbIdentitySettings(signer, _keyEndpoint), new HttpClient(), TimeProvider.System, NullLogger<AlbIdentity>.Instance);

    private string Token(string signer = Signer, string kid = Kid, DateTimeOffset? exp = null, ECDsa? key = null, string email = "jane.trader@desk.example")
    {
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["alg"] = "ES256", ["kid"] = kid, ["signer"] = signer, ["iss"] = "https://login.example.com", ["client"] = "frgm-dashboard-prod",
            ["exp"] = (exp ?? DateTimeOffset.UtcNow.AddMinutes(2)).ToUnixTimeSeconds(),
        }));
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = "00u1abcd", ["email"] = email, ["exp"] = (exp ?? DateTimeOffset.UtcNow.AddMinutes(2)).ToUnixTimeSeconds(), ["iss"] = "https://login.example.com",
        }));
        var signature = (key ?? _key).SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        // ALB pads its base64url parts: keep the '=' to prove the verifier accepts them.
        return header + "." + payload + "." + Convert.ToBase64String(signature).Replace('+', '-').Replace('/', '_');
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    private static DefaultHttpContext With(string? token)
    {
        var http = new DefaultHttpContext();
        if (token is not null)
        {
            http.Request.Headers[AlbIdentity.HeaderName] = token;
        }

        return http;
    }

    [Fact]
    public async Task A_header_signed_by_this_alb_yields_the_email_and_the_key_is_fetched_once()
    {
        var identity = Identity();
        Assert.Equal("jane.trader@desk.example", await identity.VerifiedAsync(With(Token()), default));
        Assert.Equal("jane.trader@desk.example", await identity.VerifiedAsync(With(Token()), default));
        Assert.Equal(1, _keyRequests);
    }

    [Fact]
    public async Task Forged_foreign_expired_or_unknown_key_headers_yield_nobody()
    {
        var identity = Identity();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var good = Token();
        var parts = good.Split('.');
        var tamperedPayload = B64(JsonSerializer.SerializeToUtf8Bytes(new { email = "ceo@desk.example", exp = DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds() }));

        Assert.Null(await identity.VerifiedAsync(With(Token(key: other)), default));
        Assert.Null(await identity.VerifiedAsync(With(parts[0] + "." + tamperedPayload + "." + parts[2]), default));
        Assert.Null(await identity.VerifiedAsync(With(Token(signer: Signer.Replace("frgm-prod", "someone-else", StringComparison.Ordinal))), default));
        Assert.Null(await identity.VerifiedAsync(With(Token(exp: DateTimeOffset.UtcNow.AddMinutes(-10))), default));
        Assert.Null(await identity.VerifiedAsync(With(Token(kid: "00000000-0000-0000-0000-00000000dead")), default));
        Assert.Null(await identity.VerifiedAsync(With(Token(kid: "../../etc/passwd")), default));
        Assert.Null(await identity.VerifiedAsync(With("not.a.jwt"), default));
        Assert.Null(await identity.VerifiedAsync(With(null), default));
    }

    [Fact]
    public async Task Without_an_authenticating_alb_the_header_is_ignored()
    {
        Assert.Null(await Identity(signer: null).VerifiedAsync(With(Token()), default));
        Assert.Equal(0, _keyRequests);
    }

    [Fact]
    public async Task An_acknowledgement_behind_the_alb_records_the_verified_identity_not_the_typed_name()
    {
        await using var dashboard = await KestrelDashboard.StartAsync("alb-identity", true, $"--Frgm:AlbAuth:Signer={Signer}", $"--Frgm:AlbAuth:KeyEndpoint={_keyEndpoint}");
        var id = await ActiveAlarmIdAsync(dashboard);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/ui/alarms/{Uri.EscapeDataString(id)}/ack")
        {
            Content = JsonContent.Create(new { by = "someone typed this" }),
        };
        request.Headers.Add("X-Frgm-Ui", "1");
        request.Headers.Add(AlbIdentity.HeaderName, Token());
        using var ui = new HttpClient { BaseAddress = new Uri(dashboard.BaseUrl) };
        using var response = await ui.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("jane.trader@desk.example", JsonDocument.Parse(body).RootElement.GetProperty("acknowledged_by").GetString());
    }

    private static async Task<string> ActiveAlarmIdAsync(KestrelDashboard dashboard)
    {
        string? id = null;
        await Poll.UntilAsync(
            async () =>
            {
                using var doc = JsonDocument.Parse(await dashboard.Api.GetStringAsync("/api/alarms?state=ACTIVE"));
                id = doc.RootElement.GetProperty("alarms").EnumerateArray().Select(a => a.GetProperty("alarm_id").GetString()).FirstOrDefault();
                return id is not null;
            },
            "an active alarm",
            TimeSpan.FromSeconds(60));
        return id!;
    }
}
