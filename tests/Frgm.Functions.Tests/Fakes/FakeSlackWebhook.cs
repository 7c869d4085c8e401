using System.Collections.Concurrent;
using System.Text.Json;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>
/// A Slack incoming webhook as documented: POST JSON to /services/..., 200 "ok"; 400 invalid_payload for a
/// body that is not JSON with text or blocks; other documented errors (403, 404 channel_not_found, 410
/// channel_is_archived, 429 with Retry-After, 5xx) are queued per test.
/// </summary>
public sealed class FakeSlackWebhook : IDisposable
{
    public const string HookPath = "/services/T0000/B0000/XXXXXXXXXXXXXXXX";

    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentQueue<CannedResponse> _faults = new();
    private readonly ConcurrentQueue<JsonElement> _delivered = new();

    public FakeSlackWebhook() => _server = new LoopbackHttpServer(Handle);

    public Uri WebhookUri => new(_server.BaseUri, HookPath);

    public IReadOnlyList<SeenRequest> Requests => _server.Requests;

    /// <summary>Messages Slack accepted (answered 200 ok).</summary>
    public IReadOnlyList<JsonElement> Delivered => [.. _delivered];

    public void Enqueue(CannedResponse fault) => _faults.Enqueue(fault);

    public void Dispose() => _server.Dispose();

    public static CannedResponse Error(int status, string body, int? retryAfter = null) =>
        new(status, body, retryAfter is { } s ? new Dictionary<string, string> { ["Retry-After"] = s.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null, "text/plain");

    private CannedResponse Handle(SeenRequest request)
    {
        if (request.Method != "POST" || request.Path != HookPath)
        {
            return Error(404, "no_service");
        }

        if (_faults.TryDequeue(out var fault))
        {
            return fault;
        }

        try
        {
            using var doc = JsonDocument.Parse(request.Body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || (!doc.RootElement.TryGetProperty("text", out _) && !doc.RootElement.TryGetProperty("blocks", out _)))
            {
                return Error(400, "invalid_payload");
            }

            _delivered.Enqueue(doc.RootElement.Clone());
            return new CannedResponse(200, "ok", null, "text/plain");
        }
        catch (JsonException)
        {
            return Error(400, "invalid_payload");
        }
    }
}
