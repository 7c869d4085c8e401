namespace Frgm.Storage.Aws;

/// <summary>
/// The attribute names every FRGM table shares (TABLES.md): the CDK app declares exactly these, so they are the
/// one place where the key schema is spelled.
/// </summary>
public static class TableShape
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string Gsi1 = "gsi1";
    public const string Gsi1PartitionKey = "gsi1pk";
    public const string Gsi1SortKey = "gsi1sk";

    /// <summary>TTL attribute of the history table (epoch seconds).</summary>
    public const string ExpiresAt = "expires_at";
}
