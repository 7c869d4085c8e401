using System.Security.Cryptography;
using Frgm.Dashboard.Api;
using Frgm.Dashboard.Composition;
using Frgm.Dashboard.Monitoring;
using Frgm.Dashboard.Requests;
using Frgm.Dashboard.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Hosting;

/// <summary>Builds the dashboard: settings, services for the mode, and the HTTP pipeline.</summary>
public static class DashboardHost
{
    /// <summary>
    /// Opens the mode's storage before composing (embedded: the SQLite file, checked; AWS: MemoryDB, connected
    /// asynchronously, no thread blocked on it), then the services and the pipeline.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string[] args, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // wwwroot and appsettings.json are copied beside the binary, so the app runs from any directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DashboardSettings.DefaultUrl);
        }

        var settings = DashboardSettings.From(builder.Configuration, NewApiKey);
        if (settings is { ApiKeyIsGenerated: true, Mode: DashboardMode.Embedded })
        {
            // Kept across restarts, owner-only: a key that changed on every start broke every script and bookmark.
            settings = settings with { ApiKeys = [ApiKeyFile.LoadOrCreate(settings.DataDir, NewApiKey)], ApiKeyPath = ApiKeyFile.PathIn(settings.DataDir) };
        }

        builder.Logging.AddSimpleConsole(ConsoleFormat);
        DashboardStorage storage;
        if (settings.Mode == DashboardMode.Embedded)
        {
            // Opened here, not on first use: an unusable frgm.db becomes a named, explained 503 app, not a dead process.
            try
            {
                storage = new DashboardStorage.Embedded(Frgm.Storage.Embedded.EmbeddedStorage.Open(settings.DataDir));
            }
            catch (Frgm.Storage.Embedded.StoreIntegrityException failure)
            {
                return Integrity.StoreFailureHost.Build(builder, settings, failure);
            }
        }
        else
        {
            // The app's logging exists only once it is built; the connection logs (reconnects) for the app's lifetime,
            // so its own console logger lives as long as the container that disposes it.
            var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(ConsoleFormat));
            try
            {
                var (aws, set) = await AwsComposition.ConnectAsync(builder.Configuration, loggers, ct);
                storage = new DashboardStorage.Aws(aws, set with { Connections = new ClosedTogether(set.Connections, loggers) });
            }
            catch
            {
                loggers.Dispose();
                throw;
            }
        }

        DashboardServices.Add(builder.Services, builder.Configuration, settings, storage);
        RequestHardening.Add(builder, settings);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // The context's metadata alone does not carry its naming policy or converters into these options.
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new UtcTimestampConverter());
        });
        builder.Services.AddOpenApi(OpenApiDocumentation.Configure);

        var app = builder.Build();
        Configure(app);
        return app;
    }

    private static void Configure(WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<NotFoundPage>();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/static",
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=300",
        });
        app.UseRouting();
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api =>
        {
            // The limiter first: a client past its failed-key budget is refused before its key is even compared.
            api.UseRateLimiter();
            api.UseMiddleware<ApiGuardMiddleware>();
        });

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapMonitoring();
        app.MapApi();
        app.MapPnlExport();
        app.MapGet("/api/stream", (HttpContext http, Streaming.ChangeHub hub) => Streaming.ServerSentEvents.StreamAsync(http, hub))
            .WithTags("api").WithName("Stream").Produces(200, contentType: "text/event-stream");
        app.MapUi();
    }

    /// <summary>One line per entry (the default console format takes two), UTC like everything else on screen.</summary>
    private static void ConsoleFormat(Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions o)
    {
        o.SingleLine = true;
        o.UseUtcTimestamp = true;
        o.TimestampFormat = "HH:mm:ss ";
    }

    private sealed class ClosedTogether(IAsyncDisposable? connections, ILoggerFactory loggers) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connections is not null)
            {
                await connections.DisposeAsync();
            }

            loggers.Dispose();
        }
    }

    private static string NewApiKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
