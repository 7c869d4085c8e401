using System.Globalization;

namespace Frgm.Storage.Aws.Redis;

/// <summary>
/// Every key and channel FRGM uses, all under <c>frgm:{env}:</c> where the braces are literal: <c>{env}</c> is a
/// Redis Cluster hash tag, so every key of one environment lives in one slot and the multi-key Lua scripts are legal on
/// MemoryDB with any number of shards (it always runs in cluster mode). See KEYS.md.
/// </summary>
public sealed class RedisKeys
{
    public RedisKeys(string environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        if (environment.AsSpan().IndexOfAny("{}: ") >= 0)
        {
            throw new ArgumentException($"environment '{environment}' must not contain braces, colons or spaces", nameof(environment));
        }

        Prefix = $"frgm:{{{environment}}}:";
    }

    /// <summary><c>frgm:{env}:</c></summary>
    public string Prefix { get; }

    /// <summary>Hash: instrument → MarketPrice JSON.</summary>
    public string Prices => Prefix + "prices";

    /// <summary>Hash: instrument → UTC ticks (19 digits) of the stored price, compared by the upsert script.</summary>
    public string PriceTimes => Prefix + "prices:ts";

    /// <summary>String: the positions (JSON array) of one business date.</summary>
    public string Positions(DateOnly date) => Prefix + "positions:" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>String: the facts version the date's stored positions were computed from.</summary>
    public string PositionsVersion(DateOnly date) => Prefix + "positions:version:" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>String: the latest business date (yyyy-MM-dd) that has positions.</summary>
    public string PositionsDate => Prefix + "positions:date";

    /// <summary>Hash: feed wire name → UTC ticks (19 digits) of its last success.</summary>
    public string FeedTimes => Prefix + "feeds";

    /// <summary>Pub/sub channel of ChangeEvent JSON.</summary>
    public string Changes => Prefix + "changes";

    /// <summary>Hash: the current working-order set (<c>ticks</c> 19 digits, <c>count</c>, <c>key</c> of its list).</summary>
    public string WorkingOrderSet => Prefix + "orders:set";

    /// <summary>List: one working-order generation, an order's JSON per element in file order; a fresh key per snapshot.</summary>
    public string WorkingOrderGeneration() => Prefix + "orders:gen:" + Guid.NewGuid().ToString("N");
}
