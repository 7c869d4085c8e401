using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Frgm.Dashboard.Hosting;

/// <summary>What start-up prints: where to browse, and the API key when it was generated (printed this once only).</summary>
public static class StartupBanner
{
    public static string Text(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<DashboardSettings>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string>
        {
            $"FRGM dashboard ({settings.Mode} mode) listening on {string.Join(", ", addresses)}",
        };
        if (settings.Mode == DashboardMode.Embedded)
        {
            lines.Add($"  data dir: {settings.DataDir} (drop files into {Path.Combine(settings.DataDir, "buckets")}/<actant|tt|trades>/...)");
            lines.Add($"  demo market: {(settings.Demo ? "on (Frgm:Demo=false to turn it off)" : "off")}");
        }

        // The key last, so it is the line left on screen; the curl line carries the real key when it is ours to print.
        var url = (addresses.FirstOrDefault() ?? DashboardSettings.DefaultUrl) + "/api/positions";
        if (settings.ApiKeyIsGenerated)
        {
            lines.Add($"  try: curl -H 'X-API-Key: {settings.ApiKeys[0]}' {url}");
            lines.Add(settings.ApiKeyPath is { } path
                ? $"  API key (generated, kept in {path}; set Frgm:ApiKey to choose one): {settings.ApiKeys[0]}"
                : $"  API key (random, this run only; set Frgm:ApiKey to fix it): {settings.ApiKeys[0]}");
        }
        else
        {
            lines.Add($"  try: curl -H \"X-API-Key: $FRGM_API_KEY\" {url}   (FRGM_API_KEY = your Frgm:ApiKey)");
            lines.Add("  API key: from configuration (Frgm:ApiKey), not printed");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
