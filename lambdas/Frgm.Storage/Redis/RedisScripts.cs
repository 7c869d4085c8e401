namespace Frgm.Storage.Redis;

/// <summary>
/// The server-side "keep the later one" rules. Timestamps travel as 19-digit UTC tick strings and dates as
/// yyyy-MM-dd, so Lua's string comparison orders them exactly (Lua numbers are doubles and would lose ticks).
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS: prices hash, price-times hash. ARGV: (instrument, ticks, json) repeated. Stores a row unless a later
    /// timestamp is stored (equal replaces: a replay is idempotent). Rows are applied in order, so an out-of-order
    /// batch keeps the latest. One HMGET and two multi-field HSETs per call, whatever the row count: per-row
    /// redis.call overhead would dominate otherwise. Returns how many rows were stored.
    /// </summary>
    public static readonly RedisScript UpsertPrices = new("""
        local count = #ARGV / 3
        local names = {}
        for i = 1, count do names[i] = ARGV[i * 3 - 2] end
        local stored_times = redis.call('HMGET', KEYS[2], unpack(names))
        local winner = {}
        local stored = 0
        for i = 1, count do
          local name, ts = names[i], ARGV[i * 3 - 1]
          local w = winner[name]
          local current = (w and ARGV[w * 3 - 1]) or stored_times[i]
          if (not current) or current <= ts then
            winner[name] = i
            stored = stored + 1
          end
        end
        local times, values, n = {}, {}, 0
        for name, i in pairs(winner) do
          n = n + 2
          times[n - 1] = name
          times[n] = ARGV[i * 3 - 1]
          values[n - 1] = name
          values[n] = ARGV[i * 3]
        end
        if n > 0 then
          redis.call('HSET', KEYS[2], unpack(times))
          redis.call('HSET', KEYS[1], unpack(values))
        end
        return stored
        """);

    /// <summary>KEYS: a hash. ARGV: field, ticks. Sets the field only if it moves forward; returns 1 if set.</summary>
    public static readonly RedisScript KeepMaxField = new("""
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if (not current) or current < ARGV[2] then
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
          return 1
        end
        return 0
        """);

    /// <summary>
    /// KEYS: the positions-date key. ARGV: yyyy-MM-dd, ttl seconds. Sets it when the date is the same or later
    /// (refreshing its TTL alongside the positions key it points at); returns 1 if set.
    /// </summary>
    public static readonly RedisScript KeepMaxDate = new("""
        local current = redis.call('GET', KEYS[1])
        if (not current) or current <= ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
          return 1
        end
        return 0
        """);
}
