using System.Text.Json;
using Frgm.TestSupport;

namespace Frgm.Functions.Tests.Runtime;

/// <summary>One bootstrap process served by its own Runtime API emulator; both stopped on dispose.</summary>
public sealed class BootstrapSession : IDisposable
{
    public static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(60);

    private BootstrapSession(RuntimeApiEmulator api, BootstrapProcess process)
    {
        Api = api;
        Process = process;
    }

    public RuntimeApiEmulator Api { get; }

    public BootstrapProcess Process { get; }

    /// <param name="environment">Builds the process environment for the emulator's endpoint.</param>
    public static BootstrapSession Start(string bootstrapPath, Func<string, Dictionary<string, string>> environment, IReadOnlyList<string>? launcher = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var api = new RuntimeApiEmulator();
        try
        {
            return new BootstrapSession(api, BootstrapProcess.Start(bootstrapPath, environment(api.Endpoint), launcher));
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    /// <summary>Sends one event (deadline <paramref name="timeout"/> away, 60 s by default) and waits for the answer.</summary>
    public async Task<InvocationResult> InvokeAsync(string eventJson, TimeSpan? timeout = null)
    {
        var invocation = Api.InvokeAsync(eventJson, timeout ?? InvocationTimeout);
        var exited = WaitForUnexpectedExitAsync();
        if (await Task.WhenAny(invocation, exited, Task.Delay(TimeSpan.FromMinutes(2))) != invocation)
        {
            throw new InvalidOperationException($"no answer from the bootstrap (exited: {Process.HasExited}):\n{Process.Output}");
        }

        return await invocation;
    }

    /// <summary>The stdout lines that are JSON objects (logs and EMF metrics); fails on any line that is not.</summary>
    public IReadOnlyList<JsonElement> JsonLines()
    {
        var lines = new List<JsonElement>();
        foreach (var line in Process.StdoutLines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            lines.Add(doc.RootElement.Clone());
        }

        return lines;
    }

    public void Dispose()
    {
        Process.Dispose();
        Api.Dispose();
    }

    private async Task WaitForUnexpectedExitAsync()
    {
        while (!Process.HasExited)
        {
            await Task.Delay(100);
        }
    }
}
