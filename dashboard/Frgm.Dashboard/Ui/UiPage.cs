using Frgm.Dashboard.Core;
using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Ui;

/// <summary>What a page renders from: the reader, the request's query and the time.</summary>
public sealed record UiRequest(DashboardReader Reader, IQueryCollection Query, DateTimeOffset Now, CancellationToken Ct)
{
    /// <summary>The request's services, for pages that read through more than <see cref="Reader"/> (the Risk page).</summary>
    public IServiceProvider? Services { get; init; }
}

/// <summary>
/// One page of the UI. The page shell is rendered once; its panel (the data) is rendered by <see cref="Panel"/>
/// both inside the first response and at /ui/fragments/{slug} when a change event for one of
/// <see cref="Topics"/> arrives, so the server is the only place that turns data into HTML.
/// </summary>
public sealed record UiPage(
    string Slug,
    string Path,
    string Title,
    char Shortcut,
    IReadOnlyList<string> Topics,
    Func<UiRequest, string> Controls,
    Func<UiRequest, Task<string>> Panel,
    string? Extra = null);
