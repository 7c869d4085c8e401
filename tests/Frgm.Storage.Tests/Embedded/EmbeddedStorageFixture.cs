using Frgm.Storage.Embedded;
using Frgm.Application.Ports;
using Frgm.Storage.Tests.Contract;

namespace Frgm.Storage.Tests.Embedded;

/// <summary>Embedded adapters: each fresh set is its own temporary data directory, all removed on dispose.</summary>
public sealed class EmbeddedStorageFixture : IStorageFixture, IDisposable
{
    private readonly List<string> _dirs = [];

    public Task<StorageSet> CreateFreshAsync(TimeProvider clock) =>
        Task.FromResult(EmbeddedStorage.Create(NewDataDir(), new EmbeddedStorageOptions { Clock = clock }));

    public string NewDataDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "frgm-embedded-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        lock (_dirs)
        {
            _dirs.Add(dir);
        }

        return dir;
    }

    public void Dispose()
    {
        EmbeddedStorage.ReleaseConnections();
        lock (_dirs)
        {
            foreach (var dir in _dirs)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                    // a watcher still closing a handle; the temp folder is cleaned by the OS eventually
                }
            }
        }
    }
}
