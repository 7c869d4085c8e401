using Frgm.Dashboard.Ui;
using Microsoft.AspNetCore.Routing;

namespace Frgm.Dashboard.Api;

/// <summary>The routes of the P&amp;L history and CSV export work, mapped with one line from DashboardHost.</summary>
public static class PnlExportEndpoints
{
    public static void MapPnlExport(this IEndpointRouteBuilder app)
    {
        app.MapPnlHistory();
        app.MapCsvDownloads();
        app.MapPnlChart();
    }
}
