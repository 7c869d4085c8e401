using Frgm.Application.Ports;

namespace Frgm.Dashboard.Monitoring;

public sealed record ProbeResult(string Name, bool Ok, string? Error);

/// <summary>Asks every backing store at once, each within a timeout, for /ready and the monitoring history.</summary>
public sealed class StoreProbes
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly IReadOnlyList<IStoreProbe> _probes;

    public StoreProbes(StorageSet storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _probes = storage.Probes;
    }

    public async Task<IReadOnlyList<ProbeResult>> CheckAsync(CancellationToken ct) =>
        await Task.WhenAll(_probes.Select(p => CheckOneAsync(p, ct)));

    private static async Task<ProbeResult> CheckOneAsync(IStoreProbe probe, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            await probe.PingAsync(timeout.Token).WaitAsync(timeout.Token);
            return new ProbeResult(probe.Name, true, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeResult(probe.Name, false, $"no answer within {Timeout.TotalSeconds:0} s");
        }
#pragma warning disable CA1031 // any failure means "not ready"; the type names it without leaking details
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ProbeResult(probe.Name, false, ex.GetType().Name);
        }
    }
}
