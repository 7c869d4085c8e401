using System.Globalization;
using System.Text;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Demo;

/// <summary>A file the demo wrote: where, when, and what it looked like, so a file someone else put there is never taken for it.</summary>
public sealed record DemoWrittenFile(BucketRole Bucket, string Key, string Path, DateTimeOffset WrittenAt, long Length, DateTime LastWriteUtc, string Sha256);

/// <summary>
/// Keeps the demo's bucket folders bounded: a day-long demo writes ~1.5 files a second, and the folder watcher
/// re-walks every one at start. The journal (<c>&lt;DataDir&gt;/demo/written.tsv</c>, outside the buckets) lists only
/// files the demo wrote; a file is removed once it is older than the maximum age, has been ingested, and still
/// has the length and modification time the demo gave it. Anything else in the folders is never touched.
/// </summary>
public sealed class DemoFileJanitor
{
    private readonly string _journal;
    private readonly TimeSpan _maxAge;
    private readonly Func<DemoWrittenFile, CancellationToken, Task<bool>> _isIngested;
    private readonly List<DemoWrittenFile> _files = [];
    private readonly object _gate = new();

    public DemoFileJanitor(string dataDir, TimeSpan maxAge, Func<DemoWrittenFile, CancellationToken, Task<bool>> isIngested)
    {
        if (maxAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAge), maxAge, "the demo's maximum file age must be positive");
        }

        _journal = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDir), "demo", "written.tsv");
        _maxAge = maxAge;
        _isIngested = isIngested;
        Load();
    }

    public TimeSpan MaxAge => _maxAge;

    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _files.Count;
            }
        }
    }

    /// <summary>What the demo left at <paramref name="path"/> after writing <paramref name="file"/> there.</summary>
    public static DemoWrittenFile Describe(DemoFile file, string path, DateTimeOffset writtenAt)
    {
        ArgumentNullException.ThrowIfNull(file);
        var info = new FileInfo(path);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new UTF8Encoding(false).GetBytes(file.Content)));
        return new DemoWrittenFile(file.Bucket, file.Key, info.FullName, writtenAt, info.Length, info.LastWriteTimeUtc, sha);
    }

    /// <summary>Remembers a file the demo has just written (and appends it to the journal, so a restart can clean it too).</summary>
    public void Track(DemoWrittenFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        lock (_gate)
        {
            _files.Add(file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_journal)!);
            File.AppendAllText(_journal, Line(file), Encoding.UTF8);
        }
    }

    /// <summary>Removes the demo's own ingested files older than the maximum age; returns how many it removed.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        List<DemoWrittenFile> due;
        lock (_gate)
        {
            due = _files.Where(f => now - f.WrittenAt >= _maxAge).ToList();
        }

        var done = new HashSet<DemoWrittenFile>();
        var removed = 0;
        foreach (var file in due)
        {
            var info = new FileInfo(file.Path);
            if (!info.Exists || info.Length != file.Length || info.LastWriteTimeUtc != file.LastWriteUtc)
            {
                // Gone, or replaced by someone else's file of the same name: not ours to delete any more.
                done.Add(file);
                continue;
            }

            if (!await _isIngested(file, ct))
            {
                continue;
            }

            info.Delete();
            done.Add(file);
            removed++;
        }

        if (done.Count > 0)
        {
            lock (_gate)
            {
                _files.RemoveAll(done.Contains);
                Rewrite();
            }
        }

        return removed;
    }

    private void Load()
    {
        if (!File.Exists(_journal))
        {
            return;
        }

        foreach (var line in File.ReadLines(_journal))
        {
            if (Parse(line) is { } file)
            {
                _files.Add(file);
            }
        }
    }

    private void Rewrite()
    {
        var temp = _journal + ".tmp";
        File.WriteAllText(temp, string.Concat(_files.Select(Line)), Encoding.UTF8);
        File.Move(temp, _journal, overwrite: true);
    }

    private static string Line(DemoWrittenFile f) => string.Join(
        '\t',
        WireNames.Of(f.Bucket),
        f.WrittenAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        f.Length.ToString(CultureInfo.InvariantCulture),
        f.LastWriteUtc.Ticks.ToString(CultureInfo.InvariantCulture),
        f.Sha256,
        f.Key,
        f.Path) + "\n";

    // A torn last line (a crash mid-append) is skipped: at worst one old demo file stays behind.
    private static DemoWrittenFile? Parse(string line)
    {
        var parts = line.Split('\t');
        if (parts.Length != 7
            || !Enum.TryParse<BucketRole>(parts[0], ignoreCase: true, out var bucket)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var writtenMs)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var length)
            || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return new DemoWrittenFile(bucket, parts[5], parts[6], DateTimeOffset.FromUnixTimeMilliseconds(writtenMs), length, new DateTime(ticks, DateTimeKind.Utc), parts[4]);
    }
}
