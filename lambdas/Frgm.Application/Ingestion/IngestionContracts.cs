using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Application.Ingestion;

/// <summary>What one ingestion call did. Outcome AlreadyProcessed is a recorded no-op; InProgress means retry later.</summary>
public sealed record IngestionResult(LedgerClaimOutcome Outcome, LedgerEntry Entry)
{
    /// <summary>True when the caller (an SQS batch, the folder watcher) should deliver the object again later.</summary>
    public bool ShouldRetry => Outcome == LedgerClaimOutcome.InProgress;
}
