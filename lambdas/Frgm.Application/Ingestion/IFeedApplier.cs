using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

/// <summary>Parses one feed's file and writes its facts (history first, then latest state). Idempotent.</summary>
internal interface IFeedApplier
{
    FeedKind Feed { get; }

    Task ApplyAsync(FeedContext context, Stream content, FeedOutcome outcome, CancellationToken ct);
}
