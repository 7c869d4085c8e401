using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

/// <summary>Rejected rows of one file: every one counted, the first <see cref="Cap"/> kept as "line N: reason".</summary>
internal sealed class RowErrorList
{
    public const int Cap = 100;

    private readonly List<string> _kept = [];

    public int Count { get; private set; }

    public void Add(RowError error)
    {
        Count++;
        if (_kept.Count < Cap)
        {
            _kept.Add(error.ToString());
        }
    }

    public IReadOnlyList<string> ToLedgerErrors() =>
        Count > _kept.Count ? [.. _kept, $"... and {Count - _kept.Count} more"] : [.. _kept];
}
