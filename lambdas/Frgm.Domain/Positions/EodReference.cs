using Frgm.Domain.Model;

namespace Frgm.Domain.Positions;

/// <summary>
/// Per instrument, the rows of the latest EOD date that has it (dates after the business date are
/// ignored: they were not known on that date). Supplies the settlement fallback for the mark and the
/// per-contract Greeks.
/// </summary>
internal sealed class EodReference
{
    private readonly Dictionary<string, LatestDay> _byInstrument;

    private EodReference(Dictionary<string, LatestDay> byInstrument) => _byInstrument = byInstrument;

    public static EodReference For(IReadOnlyList<EodRow> rows, DateOnly businessDate)
    {
        var byInstrument = new Dictionary<string, LatestDay>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.BusinessDate > businessDate)
            {
                continue;
            }

            if (!byInstrument.TryGetValue(row.Instrument, out var day) || row.BusinessDate > day.Date)
            {
                byInstrument[row.Instrument] = new LatestDay(row);
            }
            else if (row.BusinessDate == day.Date)
            {
                day.Add(row);
            }
        }

        return new EodReference(byInstrument);
    }

    /// <summary>Settlement price of the instrument's latest EOD date (its first row there), or null.</summary>
    public decimal? Settlement(string instrument) =>
        _byInstrument.TryGetValue(instrument, out var day) ? day.First.SettlementPrice : null;

    /// <summary>That date's row for the account, else its first row for the instrument, else null (Greeks 0).</summary>
    public EodRow? GreeksRow(string account, string instrument)
    {
        if (!_byInstrument.TryGetValue(instrument, out var day))
        {
            return null;
        }

        return day.ByAccount.TryGetValue(account, out var own) ? own : day.First;
    }

    private sealed class LatestDay
    {
        public LatestDay(EodRow first)
        {
            First = first;
            ByAccount = new Dictionary<string, EodRow>(StringComparer.Ordinal) { [first.Account] = first };
        }

        public DateOnly Date => First.BusinessDate;

        public EodRow First { get; }

        public Dictionary<string, EodRow> ByAccount { get; }

        /// <summary>A repeated account row on the same date: the first one stands.</summary>
        public void Add(EodRow row) => ByAccount.TryAdd(row.Account, row);
    }
}
