using Frgm.Application.Ports;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

/// <summary>What applying one file did: counts for the ledger, what to recompute, which topics changed.</summary>
internal sealed class FeedOutcome
{
    public int Rows { get; set; }

    public int Duplicates { get; set; }

    public RowErrorList Errors { get; } = new();

    /// <summary>Remarks that are not errors (duplicate trade ids), capped like the errors.</summary>
    public RowErrorList Notes { get; } = new();

    /// <summary>Set when the file as a whole was unusable (missing column, malformed JSON).</summary>
    public string? FailureMessage { get; set; }

    public SortedSet<DateOnly> RecomputeDates { get; } = [];

    public HashSet<ChangeTopic> Topics { get; } = [];

    /// <summary>Trades this file wrote (not duplicates), for the trade alarm rules.</summary>
    public List<Trade> NewTrades { get; } = [];
}
