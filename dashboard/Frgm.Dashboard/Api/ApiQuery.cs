using System.Globalization;
using Frgm.Dashboard.Core;
using Frgm.Domain.Model;
using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Api;

/// <summary>Reads and validates the query parameters of API.md; a bad one throws <see cref="ApiProblemException"/> naming it.</summary>
public static class ApiQuery
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 5000;

    public static DataFilter Filter(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new DataFilter(Date(query), Text(query, "account_id"), Text(query, "ticker"));
    }

    public static DateOnly? Date(IQueryCollection query)
    {
        var text = Text(query, "date");
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw ApiProblemException.BadParameter("date", "a calendar date in the form YYYY-MM-DD", text);
    }

    public static int Limit(IQueryCollection query)
    {
        var text = Text(query, "limit");
        if (text is null)
        {
            return DefaultLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw ApiProblemException.BadParameter("limit", $"an integer from 1 to {MaxLimit}", text);
    }

    public static string? Cursor(IQueryCollection query) => Text(query, "cursor");

    /// <summary>needs_ack=true|false: alarms nobody acknowledged yet, or the others.</summary>
    public static bool? NeedsAck(IQueryCollection query)
    {
        var text = Text(query, "needs_ack");
        return text switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw ApiProblemException.BadParameter("needs_ack", "true or false", text),
        };
    }

    public static AlarmState? State(IQueryCollection query) =>
        Enumerated<AlarmState>(query, "state", WireNames.Of, "ACTIVE, ACKNOWLEDGED or CLEARED");

    public static FileStatus? Status(IQueryCollection query) =>
        Enumerated<FileStatus>(query, "status", WireNames.Of, "PROCESSING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED, IGNORED or HANDED_OFF");

    public static FeedKind? Feed(IQueryCollection query) =>
        Enumerated<FeedKind>(query, "feed", WireNames.Of, "market-data, eod, sod, trades or working-orders");

    /// <summary>The Files filters of API.md: status, business date, feed, part of the key, limit and cursor.</summary>
    public static FileQuery Files(IQueryCollection query, int? limit = null) =>
        new(Status(query), Date(query), Feed(query), Text(query, "key"), limit ?? Limit(query), Cursor(query));

    /// <summary>The parameter's value, trimmed; null when absent or empty.</summary>
    public static string? Text(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw ApiProblemException.BadParameter(name, "given once", string.Join(",", values.ToArray()));
        }

        var text = values[0]?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static T? Enumerated<T>(IQueryCollection query, string name, Func<T, string> wire, string expected)
        where T : struct, Enum
    {
        var text = Text(query, name);
        if (text is null)
        {
            return null;
        }

        return WireNames.TryParse(text, wire, out var value) ? value : throw ApiProblemException.BadParameter(name, expected, text);
    }
}
