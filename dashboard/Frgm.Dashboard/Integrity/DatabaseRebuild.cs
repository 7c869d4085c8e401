using System.Diagnostics;
using System.Globalization;
using Frgm.Dashboard.Composition;
using Frgm.Dashboard.Hosting;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Frgm.Dashboard.Integrity;

/// <summary>
/// <c>--rebuild-db</c>: the explicit way back from an unusable (or lost) <c>frgm.db</c>. Moves the old file (and its
/// -wal/-shm/-journal) aside, never deleting it, then ingests every file under <c>buckets/</c> through the real
/// ingestion service, bucket by bucket in key order. Facts are idempotent and positions recomputed from them, so
/// the result is what live ingestion of the same files gives; acknowledgements, which no file holds, are lost:
/// the old file is kept for that reason. Run it with the dashboard stopped.
/// </summary>
public static class DatabaseRebuild
{
    public const string Flag = "--rebuild-db";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a != Flag).ToArray())
            .Build();
        var settings = DashboardSettings.From(configuration, () => "unused");
        if (settings.Mode != DashboardMode.Embedded)
        {
            await output.WriteLineAsync($"{Flag} rebuilds the embedded database only (Frgm:Mode is {settings.Mode}).");
            return 2;
        }

        var database = Path.Combine(settings.DataDir, EmbeddedStorage.DatabaseFileName);
        var keptAs = MoveAside(database, DateTimeOffset.UtcNow);
        await output.WriteLineAsync(keptAs is null
            ? $"No database at {database}: building a new one."
            : $"Moved the old database aside: {keptAs}");

        var store = EmbeddedStorage.Open(settings.DataDir);
        await using var services = new ServiceCollection().AddFrgmEmbedded(configuration, store).BuildServiceProvider();
        var storage = store.Set;
        var ingestion = services.GetRequiredService<IngestionService>();
        var started = Stopwatch.GetTimestamp();
        var counts = new Dictionary<FileStatus, int>();
        foreach (var bucket in Enum.GetValues<BucketRole>())
        {
            var keys = new List<string>();
            await foreach (var key in storage.Objects.ListAsync(bucket, string.Empty, ct))
            {
                keys.Add(key);
            }

            keys.Sort(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var status = await IngestOneAsync(ingestion, bucket, key, output, ct);
                counts[status] = counts.GetValueOrDefault(status) + 1;
            }
        }

        EmbeddedStorage.ReleaseConnections();
        var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {WireNames.Of(c.Key)}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Rebuilt {database} from {counts.Values.Sum()} file(s) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s: {(summary.Length == 0 ? "no files" : summary)}."));
        return 0;
    }

    /// <summary>Renames the database and its side files to <c>frgm.db.broken-&lt;utc time&gt;</c>; null when there is none.</summary>
    public static string? MoveAside(string database, DateTimeOffset now)
    {
        if (!File.Exists(database))
        {
            return null;
        }

        EmbeddedStorage.ReleaseConnections();
        var target = $"{database}.broken-{now.UtcDateTime.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture)}";
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
        {
            if (File.Exists(database + suffix))
            {
                File.Move(database + suffix, target + suffix);
            }
        }

        File.Move(database, target);
        return target;
    }

    private static async Task<FileStatus> IngestOneAsync(IngestionService ingestion, BucketRole bucket, string key, TextWriter output, CancellationToken ct)
    {
        try
        {
            var result = await ingestion.IngestAsync(bucket, key, ct);
            return result.Entry.Status;
        }
#pragma warning disable CA1031 // one bad file is reported and the rebuild goes on
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // The ledger already says FAILED with the reason; one bad file must not stop the rest.
            await output.WriteLineAsync($"  {WireNames.Of(bucket)}/{key}: FAILED: {ex.Message}");
            return FileStatus.Failed;
        }
    }
}
