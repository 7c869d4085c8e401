namespace Frgm.Storage.Aws.Redis;

/// <summary>
/// The server-side "keep the later one" rules. Timestamps travel as 19-digit UTC tick strings and dates as
/// yyyy-MM-dd, so Lua's string comparison orders them exactly (Lua numbers are doubles and would lose ticks).
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS: working-order set hash, staged generation list. ARGV: ticks (19 digits), only-if-newer (1/0), count.
    /// Switches the set to the staged list unless (only-if-newer) the current set is as new; returns
    /// {1, previous list key or false} when it switched, {0, staged key} when not: the caller UNLINKs the returned key.
    /// </summary>
    public const string CommitWorkingOrders = """
        local current = redis.call('HGET', KEYS[1], 'ticks')
        if ARGV[2] == '1' and current and current >= ARGV[1] then
          return {0, KEYS[2]}
        end
        local previous = redis.call('HGET', KEYS[1], 'key')
        if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PERSIST', KEYS[2]) end
        redis.call('HSET', KEYS[1], 'ticks', ARGV[1], 'count', ARGV[3], 'key', KEYS[2])
        if previous == KEYS[2] then previous = false end
        return {1, previous}
        """;

    /// <summary>
    /// KEYS: prices hash, price-times hash. ARGV: (instrument, ticks, json) repeated, each instrument at most once
    /// per call (the caller sends each instrument's latest: <c>LatestPrices.Fold</c>). Stores a row unless a later
    /// timestamp is stored (equal replaces: a replay is idempotent). One HMGET and two multi-field HSETs per call,
    /// whatever the row count: per-row redis.call overhead would dominate otherwise. With instruments distinct the
    /// script keeps no table of winners: about a tenth less script time when every row is a new instrument.
    /// Returns how many rows (instruments) were stored.
    /// </summary>
    public const string UpsertPrices = """
        local count = #ARGV / 3
        local names = {}
        for i = 1, count do names[i] = ARGV[i * 3 - 2] end
        local stored_times = redis.call('HMGET', KEYS[2], unpack(names))
        local times, values, n = {}, {}, 0
        for i = 1, count do
          local ts = ARGV[i * 3 - 1]
          local current = stored_times[i]
          if (not current) or current <= ts then
            n = n + 2
            times[n - 1] = names[i]
            times[n] = ts
            values[n - 1] = names[i]
            values[n] = ARGV[i * 3]
          end
        end
        if n > 0 then
          redis.call('HSET', KEYS[2], unpack(times))
          redis.call('HSET', KEYS[1], unpack(values))
        end
        return n / 2
        """;

    /// <summary>KEYS: a hash. ARGV: field, ticks. Sets the field only if it moves forward; returns 1 if set.</summary>
    public const string KeepMaxField = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if (not current) or current < ARGV[2] then
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
          return 1
        end
        return 0
        """;

    /// <summary>
    /// KEYS: positions:&lt;date&gt;, positions:version:&lt;date&gt;, positions:date. ARGV: positions JSON, facts version,
    /// ttl seconds, yyyy-MM-dd. Unless a higher version is stored, replaces the positions and their version and moves
    /// the positions-date forward (same date refreshes its TTL), all in one atomic script; returns 1 if written.
    /// Versions are small integers, exact as Lua numbers.
    /// </summary>
    public const string ReplacePositions = """
        local stored = redis.call('GET', KEYS[2])
        if stored and tonumber(stored) > tonumber(ARGV[2]) then
          return 0
        end
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
        redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
        local current = redis.call('GET', KEYS[3])
        if (not current) or current <= ARGV[4] then
          redis.call('SET', KEYS[3], ARGV[4], 'EX', ARGV[3])
        end
        return 1
        """;
}
