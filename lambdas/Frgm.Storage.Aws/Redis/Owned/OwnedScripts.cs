namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>The shared scripts, run through the owned client (kept only for the side-by-side benchmark).</summary>
internal static class OwnedScripts
{
    public static readonly RedisScript CommitWorkingOrders = new(RedisScripts.CommitWorkingOrders);

    public static readonly RedisScript UpsertPrices = new(RedisScripts.UpsertPrices);

    public static readonly RedisScript KeepMaxField = new(RedisScripts.KeepMaxField);

    public static readonly RedisScript ReplacePositions = new(RedisScripts.ReplacePositions);
}
