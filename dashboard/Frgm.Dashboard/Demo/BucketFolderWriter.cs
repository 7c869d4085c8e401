using System.Text;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Demo;

/// <summary>
/// Writes files into <c>&lt;DataDir&gt;/buckets/&lt;role&gt;/&lt;key&gt;</c> atomically: the content goes to a
/// <c>*.tmp</c> beside it (ignored by the folder watcher) and is renamed into place, so ingestion never sees half a file.
/// </summary>
public sealed class BucketFolderWriter
{
    private readonly string _bucketsRoot;

    public BucketFolderWriter(string dataDir)
    {
        _bucketsRoot = Path.Combine(Path.GetFullPath(dataDir), "buckets");
    }

    public string PathOf(BucketRole bucket, string key) =>
        Path.Combine(_bucketsRoot, WireNames.Of(bucket), key.Replace('/', Path.DirectorySeparatorChar));

    public async Task<string> WriteAsync(DemoFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = PathOf(file.Bucket, file.Key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, file.Content, new UTF8Encoding(false), ct);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
