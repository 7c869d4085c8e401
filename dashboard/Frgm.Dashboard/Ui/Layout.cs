using System.Text;

namespace Frgm.Dashboard.Ui;

/// <summary>The page shell: top bar with navigation (keys 1–9), live indicator, UTC clock; the page's panel below.</summary>
public static class Layout
{
    public static string Render(UiPage page, IReadOnlyList<UiPage> all, string controls, string panel, string fragmentUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(all);
        var nav = new StringBuilder();
        foreach (var p in all)
        {
            var current = p.Slug == page.Slug ? " aria-current=\"page\"" : string.Empty;
            nav.Append($"<a href=\"{p.Path}\" data-key=\"{p.Shortcut}\"{current}><kbd>{p.Shortcut}</kbd>{Html.E(p.Title)}</a>");
        }

        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FRGM · {{Html.E(page.Title)}}</title>
            <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/static/lib/uPlot.min.css">
            <link rel="stylesheet" href="/static/css/app.css">
            </head>
            <body data-page="{{page.Slug}}">
            <a class="skip" href="#panel">Skip to data</a>
            <header class="topbar">
              <span class="brand">FRGM<span class="brand-sub">risk</span></span>
              <nav aria-label="Pages">{{nav}}</nav>
              <span class="status"><span id="live" class="live off" title="Live updates">OFFLINE</span><span id="clock" class="clock">--:--:-- UTC</span></span>
            </header>
            <main>
              <div class="page-head"><h1>{{Html.E(page.Title)}}</h1>{{controls}}</div>
              <section id="panel" aria-live="polite" data-fragment="{{Html.E(fragmentUrl)}}" data-topics="{{string.Join(' ', page.Topics)}}">{{panel}}</section>
              {{page.Extra ?? string.Empty}}
            </main>
            <footer class="foot">Keys: <kbd>1</kbd>–<kbd>9</kbd> pages · <kbd>/</kbd> filter · <kbd>r</kbd> refresh · times are UTC</footer>
            <script src="/static/lib/uPlot.iife.min.js"></script>
            <script src="/static/js/app.js"></script>
            </body>
            </html>
            """;
    }

    /// <summary>The common filter form (date, account, ticker) as a GET form on the page itself.</summary>
    public static string FilterForm(UiRequest request, bool date = true, bool account = true, bool ticker = true, string? extra = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = request.Query;
        var fields = new StringBuilder();
        if (date)
        {
            fields.Append($"<label>Date <input name=\"date\" placeholder=\"YYYY-MM-DD\" size=\"10\" value=\"{Html.E(q["date"])}\"></label>");
        }

        if (account)
        {
            fields.Append($"<label>Account <input name=\"account_id\" size=\"8\" value=\"{Html.E(q["account_id"])}\"></label>");
        }

        if (ticker)
        {
            fields.Append($"<label>Ticker <input name=\"ticker\" size=\"12\" value=\"{Html.E(q["ticker"])}\"></label>");
        }

        fields.Append(extra);
        return $"<form class=\"filters\" method=\"get\" role=\"search\">{fields}<button type=\"submit\">Apply</button><a class=\"button\" href=\"?\">Clear</a></form>";
    }
}
