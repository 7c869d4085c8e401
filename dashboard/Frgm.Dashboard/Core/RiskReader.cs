using Frgm.Domain.Model;
using Frgm.Domain.Risk;
using Frgm.Application.Ports;

namespace Frgm.Dashboard.Core;

/// <summary>Filters of /api/risk and /api/risk/scenarios beyond the common ones (case-insensitive, like the reference keys read).</summary>
public sealed record RiskFilter(DataFilter Common, string? Product, string? Underlying);

public sealed record RiskView(DateOnly? Date, IReadOnlyList<RiskNode> Groups);

public sealed record ScenariosView(DateOnly? Date, IReadOnlyList<double> UnderlyingShifts, IReadOnlyList<double> VolShifts, IReadOnlyList<ScenarioRow> Rows);

/// <summary>
/// The Risk page and its API: the date's positions (as the engine valued them, Greeks with their source) with
/// the prices as of that date, so the roll-up and the scenarios revalue at the same implied volatilities.
/// </summary>
public sealed class RiskReader
{
    private static readonly TimeSpan CacheMaxAge = TimeSpan.FromSeconds(5);

    private readonly DashboardReader _reader;
    private readonly StorageSet _storage;
    private readonly RiskSettings _settings;
    private readonly VersionedCache<DateOnly, IReadOnlyDictionary<string, MarketPrice>> _prices;

    public RiskReader(DashboardReader reader, StorageSet storage, RiskSettings settings, TimeProvider clock, ChangeVersion version)
    {
        _reader = reader;
        _storage = storage;
        _settings = settings;
        _prices = new VersionedCache<DateOnly, IReadOnlyDictionary<string, MarketPrice>>(version, clock, CacheMaxAge, 8);
    }

    public async Task<RiskView> GetRiskAsync(RiskFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (date, positions, context) = await LoadAsync(filter, ct);
        return new RiskView(date, RiskRollup.Build(positions, context));
    }

    public async Task<ScenariosView> GetScenariosAsync(RiskFilter filter, IReadOnlyList<double> underlyingShifts, IReadOnlyList<double> volShifts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (date, positions, context) = await LoadAsync(filter, ct);
        return new ScenariosView(date, underlyingShifts, volShifts, ScenarioMatrix.Compute(positions, context, underlyingShifts, volShifts));
    }

    private async Task<(DateOnly? Date, IReadOnlyList<Position> Positions, RiskContext Context)> LoadAsync(RiskFilter filter, CancellationToken ct)
    {
        var view = await _reader.GetPositionsAsync(filter.Common, ct);
        if (view.Date is not { } day)
        {
            return (null, [], new RiskContext(_reader.Instruments, new Dictionary<string, MarketPrice>(), _settings.Rate));
        }

        var prices = await _prices.GetAsync(day, d => _storage.History.GetPricesAsOfAsync(d, ct));
        var context = new RiskContext(_reader.Instruments, prices, _settings.Rate);
        var selected = filter.Product is null && filter.Underlying is null
            ? view.Positions
            : view.Positions.Where(p => Matches(filter, context.For(p))).ToList();
        return (day, selected, context);
    }

    private static bool Matches(RiskFilter filter, RiskInstrument info) =>
        (filter.Product is null || string.Equals(filter.Product, info.Product, StringComparison.OrdinalIgnoreCase))
        && (filter.Underlying is null || string.Equals(filter.Underlying, info.Underlying, StringComparison.OrdinalIgnoreCase));
}
