namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>MULTI/EXEC framing for a batch, and reading EXEC's result out of the batch's replies.</summary>
internal static class RedisTransaction
{
    public static IEnumerable<RedisCommand> Wrap(IReadOnlyList<RedisCommand> commands) =>
        [new RedisCommand("MULTI"), .. commands, new RedisCommand("EXEC")];

    /// <summary>
    /// The results of the transaction whose MULTI reply is at <paramref name="multiIndex"/>. Throws when a command
    /// was refused when queued (the server then aborts the whole transaction) or failed inside EXEC.
    /// </summary>
    public static IReadOnlyList<RedisReply> Results(IReadOnlyList<RedisReply> replies, int multiIndex, IReadOnlyList<RedisCommand> commands)
    {
        replies[multiIndex].ThrowIfError("MULTI");
        for (var i = 0; i < commands.Count; i++)
        {
            replies[multiIndex + 1 + i].ThrowIfError(commands[i].Name);
        }

        var exec = replies[multiIndex + 1 + commands.Count];
        var results = exec.AsArray("EXEC") ?? throw new RedisServerException("EXEC", "transaction aborted");
        for (var i = 0; i < results.Count; i++)
        {
            results[i].ThrowIfError(commands[i].Name);
        }

        return results;
    }
}
