using Frgm.Domain.Feeds;
using Frgm.Application.Ports;

namespace Frgm.Application.Ingestion;

/// <summary>Everything an applier needs for one file.</summary>
internal sealed record FeedContext(ObjectRoute Route, StorageSet Storage, DateTimeOffset Now, int BatchSize)
{
    public WorkingOrderLimits WorkingOrders { get; init; } = WorkingOrderLimits.Default;
}
