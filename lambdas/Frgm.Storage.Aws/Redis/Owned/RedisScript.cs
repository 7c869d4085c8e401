namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>
/// A Lua script run with EVALSHA. The script is loaded on first use and again whenever the server answers NOSCRIPT
/// (a restart or failover empties the script cache), re-sending only the calls that did not run.
/// </summary>
internal sealed class RedisScript(string source)
{
    private string? _sha;

    public string Source => source;

    /// <summary>Runs the script once per argument list, all in one pipelined batch; returns the replies in order.</summary>
    public async Task<IReadOnlyList<RedisReply>> RunAsync(
        RedisClient client, IReadOnlyList<string> keys, IReadOnlyList<RedisArg[]> calls, CancellationToken ct)
    {
        var sha = Volatile.Read(ref _sha) ?? await LoadAsync(client, ct);
        var replies = (await client.ExecuteBatchAsync([.. calls.Select(args => Call(sha, keys, args))], ct)).ToArray();
        var missing = Enumerable.Range(0, replies.Length).Where(i => replies[i] is RedisError { Code: "NOSCRIPT" }).ToList();
        if (missing.Count > 0)
        {
            sha = await LoadAsync(client, ct);
            var retried = await client.ExecuteBatchAsync([.. missing.Select(i => Call(sha, keys, calls[i]))], ct);
            for (var i = 0; i < missing.Count; i++)
            {
                replies[missing[i]] = retried[i];
            }
        }

        foreach (var reply in replies)
        {
            reply.ThrowIfError("EVALSHA");
        }

        return replies;
    }

    private static RedisCommand Call(string sha, IReadOnlyList<string> keys, RedisArg[] args)
    {
        var arguments = new RedisArg[3 + keys.Count + args.Length];
        arguments[0] = "EVALSHA";
        arguments[1] = sha;
        arguments[2] = keys.Count;
        for (var i = 0; i < keys.Count; i++)
        {
            arguments[3 + i] = keys[i];
        }

        args.CopyTo(arguments, 3 + keys.Count);
        return new RedisCommand(arguments);
    }

    private async Task<string> LoadAsync(RedisClient client, CancellationToken ct)
    {
        var reply = await client.ExecuteAsync(new RedisCommand("SCRIPT", "LOAD", source), ct);
        var sha = reply.AsString("SCRIPT LOAD") ?? throw new RedisProtocolException("SCRIPT LOAD returned null");
        Volatile.Write(ref _sha, sha);
        return sha;
    }
}
