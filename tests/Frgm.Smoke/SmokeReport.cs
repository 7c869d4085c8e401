using System.Diagnostics;
using System.Text.Json;

namespace Frgm.Smoke;

/// <summary>A check failed with a reason meant for the reader of the deploy log.</summary>
public sealed class SmokeCheckException(string message) : Exception(message)
{
    public SmokeCheckException()
        : this("check failed")
    {
    }

    public SmokeCheckException(string message, Exception inner)
        : this(message + ": " + inner?.Message)
    {
    }
}

/// <summary>Runs checks and prints one line each: <c>PASS|FAIL  name  (ms)  detail</c>.</summary>
public sealed class SmokeReport(TextWriter output)
{
    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public async Task<bool> CheckAsync(string name, Func<Task<string>> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var watch = Stopwatch.StartNew();
        try
        {
            var detail = await check();
            Passed++;
            await output.WriteLineAsync($"PASS  {name}  ({watch.ElapsedMilliseconds} ms)  {detail}");
            return true;
        }
        catch (Exception ex) when (ex is SmokeCheckException or HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException or IOException or Amazon.Runtime.AmazonServiceException)
        {
            Failed++;
            var why = ex is SmokeCheckException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            await output.WriteLineAsync($"FAIL  {name}  ({watch.ElapsedMilliseconds} ms)  {why}");
            return false;
        }
    }
}
