using System.Runtime.CompilerServices;
using Frgm.Domain.Model;
using Frgm.Storage.Ports;

namespace Frgm.Storage.Embedded;

/// <summary>
/// <see cref="IObjectStore"/> as folders: <c>&lt;DataDir&gt;/buckets/&lt;role&gt;/&lt;key&gt;</c>. Writes go to a dot-file
/// and are renamed into place, so the folder watcher (and any reader) never sees half a file.
/// </summary>
public sealed class FolderObjectStore : IObjectStore
{
    public FolderObjectStore(string bucketsRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucketsRoot);
        BucketsRoot = Path.GetFullPath(bucketsRoot);
        foreach (var role in Enum.GetValues<BucketRole>())
        {
            Directory.CreateDirectory(BucketPath(role));
        }
    }

    public string BucketsRoot { get; }

    public string BucketPath(BucketRole bucket) => Path.Combine(BucketsRoot, WireNames.Of(bucket));

    /// <summary>The file for a key; throws <see cref="ArgumentException"/> for keys that would leave the bucket.</summary>
    public string PathOf(BucketRole bucket, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var segments = key.Split('/');
        if (key.StartsWith('/') || key.Contains('\\', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal)
            || segments.Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            throw new ArgumentException($"object key '{key}' is not a relative key inside bucket {WireNames.Of(bucket)}", nameof(key));
        }

        return Path.Combine([BucketPath(bucket), .. segments]);
    }

    /// <summary>The key for a file under the bucket folder, or null when the file is not under it.</summary>
    public string? KeyOf(BucketRole bucket, string fullPath)
    {
        var relative = Path.GetRelativePath(BucketPath(bucket), Path.GetFullPath(fullPath));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    public Task<Stream> OpenReadAsync(BucketRole bucket, string key, CancellationToken ct)
    {
        var path = PathOf(bucket, key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException($"object {WireNames.Of(bucket)}/{key} not found at {path}", ex);
        }
    }

    public async Task WriteAsync(BucketRole bucket, string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(bucket, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, ct);
                await file.FlushAsync(ct);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public async IAsyncEnumerable<string> ListAsync(BucketRole bucket, string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await Task.Yield();
        var root = BucketPath(bucket);
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            if (IsTransient(file))
            {
                continue;
            }

            var key = KeyOf(bucket, file);
            if (key is not null && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return key;
            }
        }
    }

    /// <summary>Dot-files and *.tmp / *.part are uploads in progress (ours or another tool's), never objects.</summary>
    public static bool IsTransient(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.')
            || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase);
    }
}
