namespace Frgm.Dashboard.Hosting;

public static class PeriodicTimerExtensions
{
    /// <summary>Waits for the next tick; false when the timer or the service is stopping (no exception on shutdown).</summary>
    public static async Task<bool> NextTickAsync(this PeriodicTimer timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
