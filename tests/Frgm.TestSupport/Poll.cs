namespace Frgm.TestSupport;

/// <summary>Waits for what a server or a background worker does on its own time.</summary>
public static class Poll
{
    /// <summary>Polls until <paramref name="done"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"timed out waiting for {what}");
    }

    public static Task UntilAsync(Func<bool> done, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(done()), what, timeout);
}
