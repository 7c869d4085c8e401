namespace Frgm.Functions.Tt;

/// <summary>
/// TT (FIX-derived) codes → FORMATS.md words. A code we do not know is kept as its raw text, never an error:
/// TT adds codes, and a snapshot with one odd field is worth more than no snapshot.
/// </summary>
public static class TtCodes
{
    private static readonly Dictionary<string, string> Sides = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1"] = "BUY", ["BUY"] = "BUY", ["B"] = "BUY",
        ["2"] = "SELL", ["SELL"] = "SELL", ["S"] = "SELL",
    };

    // FIX tag 39 OrdStatus; TT also spells some out.
    private static readonly Dictionary<string, string> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["0"] = "WORKING", ["NEW"] = "WORKING", ["WORKING"] = "WORKING",
        ["1"] = "PARTIALLY_FILLED", ["PARTIALLYFILLED"] = "PARTIALLY_FILLED", ["PARTIALLY_FILLED"] = "PARTIALLY_FILLED", ["PARTIAL_FILL"] = "PARTIALLY_FILLED",
        ["2"] = "FILLED", ["FILLED"] = "FILLED",
        ["3"] = "DONE_FOR_DAY", ["DONEFORDAY"] = "DONE_FOR_DAY", ["DONE_FOR_DAY"] = "DONE_FOR_DAY",
        ["4"] = "CANCELED", ["CANCELED"] = "CANCELED", ["CANCELLED"] = "CANCELED",
        ["5"] = "REPLACED", ["REPLACED"] = "REPLACED",
        ["6"] = "PENDING_CANCEL", ["PENDINGCANCEL"] = "PENDING_CANCEL", ["PENDING_CANCEL"] = "PENDING_CANCEL",
        ["7"] = "STOPPED", ["STOPPED"] = "STOPPED",
        ["8"] = "REJECTED", ["REJECTED"] = "REJECTED",
        ["9"] = "SUSPENDED", ["SUSPENDED"] = "SUSPENDED",
        ["A"] = "PENDING_NEW", ["PENDINGNEW"] = "PENDING_NEW", ["PENDING_NEW"] = "PENDING_NEW",
        ["C"] = "EXPIRED", ["EXPIRED"] = "EXPIRED",
        ["E"] = "PENDING_REPLACE", ["PENDINGREPLACE"] = "PENDING_REPLACE", ["PENDING_REPLACE"] = "PENDING_REPLACE",
    };

    // FIX tag 40 OrdType.
    private static readonly Dictionary<string, string> OrderTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1"] = "MARKET", ["MARKET"] = "MARKET",
        ["2"] = "LIMIT", ["LIMIT"] = "LIMIT",
        ["3"] = "STOP", ["STOP"] = "STOP",
        ["4"] = "STOP_LIMIT", ["STOPLIMIT"] = "STOP_LIMIT", ["STOP_LIMIT"] = "STOP_LIMIT",
    };

    // FIX tag 59 TimeInForce.
    private static readonly Dictionary<string, string> TimesInForce = new(StringComparer.OrdinalIgnoreCase)
    {
        ["0"] = "DAY", ["DAY"] = "DAY",
        ["1"] = "GTC", ["GTC"] = "GTC",
        ["3"] = "IOC", ["IOC"] = "IOC",
        ["4"] = "FOK", ["FOK"] = "FOK",
        ["6"] = "GTD", ["GTD"] = "GTD",
    };

    /// <summary>Statuses after which an order no longer works in the market: left out of the snapshot.</summary>
    private static readonly HashSet<string> Terminal = new(StringComparer.Ordinal)
    {
        "FILLED", "CANCELED", "REJECTED", "EXPIRED", "DONE_FOR_DAY",
    };

    public static string? Side(string? raw) => Map(Sides, raw);

    public static string? Status(string? raw) => Map(Statuses, raw);

    public static string? OrderType(string? raw) => Map(OrderTypes, raw);

    public static string? TimeInForce(string? raw) => Map(TimesInForce, raw);

    /// <summary>True for a normalised status that ended the order. Unknown (raw) statuses are kept as working.</summary>
    public static bool IsTerminal(string? status) => status is not null && Terminal.Contains(status);

    private static string? Map(Dictionary<string, string> codes, string? raw) =>
        raw is null ? null : codes.TryGetValue(raw.Trim(), out var word) ? word : raw.Trim();
}
