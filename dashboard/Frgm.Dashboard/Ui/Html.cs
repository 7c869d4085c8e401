using System.Globalization;
using System.Net;
using System.Text;

namespace Frgm.Dashboard.Ui;

/// <summary>Small HTML building blocks: every piece of data goes through <see cref="E"/> before it reaches a page.</summary>
public static class Html
{
    // Sort keys without the trailing zeros stored decimals carry (112.343750 → 112.34375).
    private const string SortFormat = "0.############################";

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A numeric cell: right-aligned text plus the raw value for sorting.</summary>
    public static string Num(string shown, decimal? raw, string? cssClass = null) =>
        $"<td class=\"num{(cssClass is null ? string.Empty : " " + cssClass)}\" data-v=\"{(raw is { } v ? v.ToString(SortFormat, CultureInfo.InvariantCulture) : string.Empty)}\">{E(shown)}</td>";

    public static string Text(string? shown, string? cssClass = null) =>
        $"<td{(cssClass is null ? string.Empty : $" class=\"{cssClass}\"")}>{E(shown)}</td>";

    /// <summary>A sortable header; <paramref name="kind"/> is num or text.</summary>
    public static string Th(string label, string kind = "text", string? title = null) =>
        $"<th data-sort=\"{kind}\"{(kind == "num" ? " class=\"num\"" : string.Empty)}{(title is null ? string.Empty : $" title=\"{E(title)}\"")} tabindex=\"0\">{E(label)}</th>";

    public static string Pnl(decimal? value) => Num(Fmt.Money(value), value, Fmt.SignClass(value));

    public static string Badge(string text, string kind) => $"<span class=\"badge {kind}\">{E(text)}</span>";

    public static string Time(DateTimeOffset? at, DateTimeOffset now) =>
        at is { } t
            ? $"<td class=\"time\" data-v=\"{t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}\"><time datetime=\"{E(Fmt.Iso(t))}\" title=\"{E(Fmt.Iso(t))}\">{E(Fmt.Clock(t, now))}</time></td>"
            : "<td class=\"time\" data-v=\"\">—</td>";

    public static string Empty(string message) => $"<p class=\"empty\">{E(message)}</p>";

    public static string Query(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }
}
