using System.Runtime.CompilerServices;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

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
        if (KeyProblem(key) is { } problem)
        {
            throw new ArgumentException($"object key '{key}' is not a relative key inside bucket {WireNames.Of(bucket)}: {problem}", nameof(key));
        }

        return Path.Combine([BucketPath(bucket), .. key.Split('/')]);
    }

    /// <summary>Why a key cannot name an object in a bucket folder, or null when it can.</summary>
    public static string? KeyProblem(string key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "the key is empty";
        }

        if (key.Contains('\\', StringComparison.Ordinal))
        {
            return "the key contains '\\' (keys separate folders with '/')";
        }

        if (key.Contains('\0', StringComparison.Ordinal) || key.Any(char.IsControl))
        {
            return "the key contains a control character";
        }

        return key.StartsWith('/') || key.Split('/').Any(s => s.Length == 0 || s == "." || s == "..")
            ? "the key has an empty, '.' or '..' segment"
            : null;
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
        var kind = FileEntryKinds.Of(path);
        if (kind is not (FileEntryKind.Regular or FileEntryKind.Missing))
        {
            // Never opened: a FIFO blocks the reader, a link to /dev/zero never ends.
            throw new NotRegularFileException($"object {WireNames.Of(bucket)}/{key} at {path} is {FileEntryKinds.Describe(kind)}: only regular files are feeds");
        }

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

        foreach (var file in FolderEntries.Under(root))
        {
            ct.ThrowIfCancellationRequested();
            if (IsTransient(file) || FileEntryKinds.Of(file) != FileEntryKind.Regular)
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

    /// <summary>Dot-files and *.tmp / *.part are uploads in progress or hidden files (ours or another tool's), never objects.</summary>
    public static bool IsTransient(string path) => IsUploadInProgress(path) || IsHidden(path);

    /// <summary>
    /// The upload convention: write to <c>name.part</c> (or <c>.tmp</c>), then rename into place. Such names are
    /// skipped without a ledger entry while they exist; the rename brings the real key.
    /// </summary>
    public static bool IsUploadInProgress(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A name (or a folder on the way to it) starting with '.': never a feed, recorded IGNORED by the watcher.</summary>
    public static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');
}

/// <summary>The object is a FIFO, device, socket or link: only regular files are feeds, and it is never opened.</summary>
public sealed class NotRegularFileException : IOException
{
    public NotRegularFileException(string message)
        : base(message)
    {
    }

    public NotRegularFileException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public NotRegularFileException()
    {
    }
}
