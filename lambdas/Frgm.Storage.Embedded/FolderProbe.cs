using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Embedded;

/// <summary>/ready's "folders": every bucket folder exists and can be listed.</summary>
internal sealed class FolderProbe(FolderObjectStore objects) : IStoreProbe
{
    public string Name => "folders";

    public Task PingAsync(CancellationToken ct)
    {
        foreach (var role in Enum.GetValues<BucketRole>())
        {
            var path = objects.BucketPath(role);
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"bucket folder {path} is missing");
            }

            using var entries = Directory.EnumerateFileSystemEntries(path).GetEnumerator();
            entries.MoveNext();
        }

        return Task.CompletedTask;
    }
}
