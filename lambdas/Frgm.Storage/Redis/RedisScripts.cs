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
        local latest, value = {}, {}
        local stored = 0
        for i = 1, count do
          local name, ts = ARGV[i * 3 - 2], ARGV[i * 3 - 1]
          local current = latest[name] or stored_times[i]
          if (not current) or current <= ts then
            latest[name] = ts
            value[name] = ARGV[i * 3]
            stored = stored + 1
          end
        end
        local times, values = {}, {}
        for name, ts in pairs(latest) do
          times[#times + 1] = name
          times[#times + 1] = ts
          values[#values + 1] = name
          values[#values + 1] = value[name]
        end
        if #times > 0 then
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
