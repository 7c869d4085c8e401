namespace Frgm.Functions.Tt;

/// <summary>A TT application key: its id goes in x-api-key, its secret only in the token request body.</summary>
public sealed record TtCredentials(string AppKeyId, string AppKeySecret)
{
    public const string IdField = "app_key_id";
    public const string SecretField = "app_key_secret";

    // Records print their members; this one must never print the secret.
    public override string ToString() => $"TtCredentials {{ AppKeyId = {AppKeyId}, AppKeySecret = *** }}";
}
