using Frgm.Application.Ports;

namespace Frgm.Application.Ingestion;

internal sealed class StepNamingPnlHistoryStore(IPnlHistoryStore inner) : StoreStepDecorator("pnl-history"), IPnlHistoryStore
{
    public Task RecordAsync(DateOnly date, IReadOnlyList<AccountDayPnl> accounts, DateTimeOffset at, CancellationToken ct) =>
        Run(() => inner.RecordAsync(date, accounts, at, ct), "RecordPnl");

    public Task<IReadOnlyList<PnlPoint>> GetAsync(string accountId, DateOnly date, CancellationToken ct) => Run(() => inner.GetAsync(accountId, date, ct));
}
