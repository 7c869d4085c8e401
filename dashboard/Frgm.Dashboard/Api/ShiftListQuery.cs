using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Api;

/// <summary>
/// The shift lists of /api/risk/scenarios: comma-separated decimal numbers, at most <see cref="MaxShifts"/>, each
/// inside the parameter's range. Anything else is a 400 naming the parameter (and the offending item).
/// </summary>
public static class ShiftListQuery
{
    public const int MaxShifts = 41;

    /// <summary>Underlying moves in percent: beyond −100 % a future's price would be zero or negative.</summary>
    public static IReadOnlyList<double> UnderlyingShifts(IQueryCollection query) =>
        Parse(query, "underlying_shifts", -99.0, 100.0, "percents", Domain.Risk.ScenarioMatrix.DefaultUnderlyingShifts);

    /// <summary>Volatility moves in points (5 = +5 vol points); a negative result is floored at 0 volatility.</summary>
    public static IReadOnlyList<double> VolShifts(IQueryCollection query) =>
        Parse(query, "vol_shifts", -100.0, 100.0, "volatility points", Domain.Risk.ScenarioMatrix.DefaultVolShifts);

    private static IReadOnlyList<double> Parse(IQueryCollection query, string name, double min, double max, string unit, IReadOnlyList<double> fallback)
    {
        var text = ApiQuery.Text(query, name);
        if (text is null)
        {
            return fallback;
        }

        var expected = string.Create(CultureInfo.InvariantCulture, $"a comma-separated list of 1 to {MaxShifts} numbers ({unit}) from {min} to {max}, e.g. {string.Join(',', fallback)}");
        var items = text.Split(',');
        if (items.Length > MaxShifts)
        {
            throw ApiProblemException.BadParameter(name, expected + string.Create(CultureInfo.InvariantCulture, $" (it has {items.Length})"), text);
        }

        var shifts = new double[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i].Trim();
            if (!double.TryParse(item, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value) || value < min || value > max)
            {
                throw ApiProblemException.BadParameter(name, expected + string.Create(CultureInfo.InvariantCulture, $" (item {i + 1} is '{Requests.MessageText.Prefix(item)}')"), text);
            }

            shifts[i] = value;
        }

        return shifts;
    }
}
