using System.Text.Json.Nodes;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>
/// The AWS Parameters and Secrets Lambda Extension as documented: <c>GET /secretsmanager/get?secretId=...</c> on
/// localhost, answered only with the <c>X-Aws-Parameters-Secrets-Token</c> header equal to the function's
/// AWS_SESSION_TOKEN (else 401), with the GetSecretValue JSON; an unknown secret is a 400 ResourceNotFoundException.
/// </summary>
public sealed class SecretsExtensionStandIn : IDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly string _sessionToken;
    private readonly Dictionary<string, string> _secrets;

    public SecretsExtensionStandIn(string sessionToken, IReadOnlyDictionary<string, string> secrets)
    {
        _sessionToken = sessionToken;
        _secrets = new Dictionary<string, string>(secrets, StringComparer.Ordinal);
        _server = new LoopbackHttpServer(Handle, host: "localhost");
    }

    public int Port => _server.Port;

    public IReadOnlyList<SeenRequest> Requests => _server.Requests;

    public void Dispose() => _server.Dispose();

    private CannedResponse Handle(SeenRequest request)
    {
        if (request.Header("X-Aws-Parameters-Secrets-Token") != _sessionToken)
        {
            return new CannedResponse(401, """{"message":"missing or invalid X-Aws-Parameters-Secrets-Token"}""");
        }

        if (request.Path != "/secretsmanager/get")
        {
            return new CannedResponse(404, """{"message":"not found"}""");
        }

        var query = System.Web.HttpUtility.ParseQueryString(request.PathAndQuery.Split('?', 2) is [_, var q] ? q : string.Empty);
        var id = query["secretId"];
        if (id is null || !_secrets.TryGetValue(id, out var value))
        {
            return new CannedResponse(400, $$"""{"__type":"ResourceNotFoundException","message":"Secrets Manager can't find the specified secret."}""");
        }

        var body = new JsonObject
        {
            ["ARN"] = id,
            ["Name"] = id.Split(':')[^1],
            ["SecretString"] = value,
            ["VersionId"] = "00000000-0000-0000-0000-000000000001",
            ["VersionStages"] = new JsonArray("AWSCURRENT"),
            ["CreatedDate"] = "2026-11-20T14:30:00Z",
        };
        return new CannedResponse(200, body.ToJsonString());
    }
}
