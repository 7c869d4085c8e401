using Frgm.Domain.Model;

namespace Frgm.Domain.Positions;

/// <summary>A later SOD file for a business date replaces the earlier one's rows for the accounts it names.</summary>
internal static class SodRestatement
{
    public static IReadOnlyList<SodRow> Restate(IReadOnlyList<SodRow> current, IReadOnlyList<SodRow> incoming)
    {
        var restated = new HashSet<(DateOnly Date, string Account)>();
        foreach (var row in incoming)
        {
            restated.Add((row.BusinessDate, row.Account));
        }

        var result = new List<SodRow>(current.Count + incoming.Count);
        foreach (var row in current)
        {
            if (!restated.Contains((row.BusinessDate, row.Account)))
            {
                result.Add(row);
            }
        }

        result.AddRange(incoming);
        return result;
    }
}
