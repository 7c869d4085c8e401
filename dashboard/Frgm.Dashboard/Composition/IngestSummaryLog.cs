using System.Globalization;
using System.Text;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>
/// Keeps the console readable: each file is logged at Debug by the watcher, and this writes one Information line per
/// <see cref="Every"/> files with the count per status (a FAILED file also gets its own Warning, it needs a person).
/// The demo writes a file a second; two lines each scrolled the start-up banner (and the API key) away in seconds.
/// </summary>
public sealed class IngestSummaryLog
{
    public const int DefaultEvery = 100;

    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<FileStatus, int> _counts = [];
    private int _inBatch;
    private long _total;

    public IngestSummaryLog(ILogger logger, int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        _logger = logger;
        Every = every;
    }

    public int Every { get; }

    public void OnFileProcessed(object? sender, FileProcessedEventArgs processed)
    {
        ArgumentNullException.ThrowIfNull(processed);
        if (processed.Result is not { ShouldRetry: false } result)
        {
            return;
        }

        if (result.Entry.Status == FileStatus.Failed)
        {
            _logger.LogWarning("File {Bucket}/{Key} FAILED: {Error}", WireNames.Of(processed.Bucket), processed.Key, result.Entry.Errors.Count > 0 ? result.Entry.Errors[0] : "no message");
        }

        string? line = null;
        lock (_gate)
        {
            _counts[result.Entry.Status] = _counts.GetValueOrDefault(result.Entry.Status) + 1;
            _total++;
            if (++_inBatch == Every)
            {
                line = Describe();
                _counts.Clear();
                _inBatch = 0;
            }
        }

        if (line is not null)
        {
            _logger.LogInformation("{Summary}", line);
        }
    }

    private string Describe()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"ingested {Every} more files (");
        text.AppendJoin(", ", _counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {WireNames.Of(c.Key)}"));
        return text.Append(CultureInfo.InvariantCulture, $"); {_total} since start").ToString();
    }
}
