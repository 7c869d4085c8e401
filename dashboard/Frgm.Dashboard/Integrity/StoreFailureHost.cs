using Frgm.Dashboard.Api;
using Frgm.Dashboard.Hosting;
using Frgm.Dashboard.Requests;
using Frgm.Storage.Embedded;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Integrity;

/// <summary>
/// The app when the embedded database cannot be used at start-up: the process stays up and says why, instead of
/// dying with an unnamed exception. /health answers (the process lives), /ready and everything else answer 503
/// naming the store, the file and the way out; no ingestion runs, so nothing touches the file.
/// </summary>
public static class StoreFailureHost
{
    public const string StoreName = "sqlite";

    public static WebApplication Build(WebApplicationBuilder builder, DashboardSettings settings, StoreIntegrityException failure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(failure);
        builder.Services.AddSingleton(settings);
        RequestHardening.Add(builder, settings);
        var message = Describe(failure, settings.DataDir);
        var app = builder.Build();
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StoreFailureHost))
            .LogCritical("Start-up check failed: {Message}", message);
        Console.Error.WriteLine("FRGM: " + message);

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok")));
        app.MapGet("/ready", () => Results.Json(
            new ReadyResponse("unavailable", ApiErrorCodes.StoreUnavailable, $"store '{StoreName}' failed its start-up check: {message}",
                [new StoreStatusDto(StoreName, false, failure.Problem)]),
            ApiJsonContext.Default.ReadyResponse,
            statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapFallback((HttpContext http) => ApiGuardMiddleware.WriteAsync(
            http, System.Net.HttpStatusCode.ServiceUnavailable, ApiErrorCodes.StoreUnavailable, $"store '{StoreName}' failed its start-up check: {message}"));
        return app;
    }

    /// <summary>The file, what is wrong, and what to do: rebuild from the bucket files (explicitly) or restore a backup.</summary>
    public static string Describe(StoreIntegrityException failure, string dataDir)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return $"the embedded database '{failure.DatabasePath}' cannot be used: {failure.Problem}. Nothing was changed. "
            + $"Stop the dashboard and either restore that file from a backup, or rebuild it from the bucket files with "
            + $"'dotnet run --project dashboard/Frgm.Dashboard -- {DatabaseRebuild.Flag} --Frgm:DataDir={dataDir}' "
            + "(the unusable file is kept beside the new one).";
    }
}
