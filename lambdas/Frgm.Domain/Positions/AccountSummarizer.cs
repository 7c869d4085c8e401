using Frgm.Domain.Model;

namespace Frgm.Domain.Positions;

/// <summary>Per-account roll-up of positions for /api/accounts (see <see cref="PositionEngine.Summarize"/>).</summary>
internal static class AccountSummarizer
{
    public static IReadOnlyList<AccountSummary> Summarize(
        IReadOnlyList<Position> positions,
        InstrumentCatalog instruments,
        IReadOnlyCollection<Alarm> openAlarms)
    {
        var alarmsByAccount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alarm in openAlarms)
        {
            if (alarm.IsOpen && alarm.AccountId is { } account)
            {
                alarmsByAccount[account] = alarmsByAccount.GetValueOrDefault(account) + 1;
            }
        }

        var totals = new Dictionary<(DateOnly Date, string Account), Totals>();
        foreach (var position in positions)
        {
            var key = (position.BusinessDate, position.AccountId);
            if (!totals.TryGetValue(key, out var total))
            {
                total = new Totals();
                totals[key] = total;
            }

            decimal? multiplier = instruments.TryGet(position.Ticker, out var instrument) ? instrument.Multiplier : null;
            total.Add(position, position.NetQty * position.MarkPrice * multiplier);
        }

        return totals
            .OrderBy(entry => entry.Key.Date)
            .ThenBy(entry => entry.Key.Account, StringComparer.Ordinal)
            .Select(entry => entry.Value.ToSummary(
                entry.Key.Date,
                entry.Key.Account,
                alarmsByAccount.GetValueOrDefault(entry.Key.Account)))
            .ToList();
    }

    private sealed class Totals
    {
        private int _positions;
        private KnownSum _day;
        private KnownSum _realized;
        private KnownSum _unrealized;
        private KnownSum _gross;
        private KnownSum _net;
        private decimal _delta;
        private decimal _gamma;
        private decimal _vega;
        private decimal _theta;

        public void Add(Position position, decimal? exposure)
        {
            _positions++;
            _day.Add(position.DayPnl);
            _realized.Add(position.RealizedPnl);
            _unrealized.Add(position.UnrealizedPnl);
            _gross.Add(exposure is { } e ? Math.Abs(e) : null);
            _net.Add(exposure);
            _delta += position.Delta;
            _gamma += position.Gamma;
            _vega += position.Vega;
            _theta += position.Theta;
        }

        public AccountSummary ToSummary(DateOnly date, string account, int activeAlarms) => new(
            date,
            account,
            _positions,
            _day.Value,
            _realized.Value,
            _unrealized.Value,
            _gross.Value,
            _net.Value,
            _delta,
            _gamma,
            _vega,
            _theta,
            activeAlarms);
    }
}
