using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Domain.Alarms;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Domain.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Application.Composition;

/// <summary>
/// The one composition of the core that the Lambda host, the local runner and the dashboard all call: settings bound
/// (and checked, naming the setting) here, at composition time, and the process's one <see cref="IngestionService"/>.
/// The adapters add the <see cref="StorageSet"/> (<c>AddFrgmAws</c> in Frgm.Storage.Aws, <c>AddFrgmEmbedded</c> in
/// Frgm.Storage.Embedded). Every registration is a factory or an instance: nothing for the container to reflect on
/// under Native AOT.
/// </summary>
public static class FrgmServices
{
    public static IServiceCollection AddFrgm(this IServiceCollection services, IConfiguration configuration, IngestionRole role)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var core = CoreSettings.From(configuration);
        var ingest = IngestSettings.From(configuration);
        var thresholds = SettingsBinding.Bind(() => configuration.GetSection(AlarmThresholds.Section).Get<AlarmThresholds>()) ?? new AlarmThresholds();
        var risk = SettingsBinding.Bind(() => configuration.GetSection(RiskSettings.Section).Get<RiskSettings>()) ?? new RiskSettings();
        SettingsBinding.Require(
            double.IsFinite(risk.Rate) && risk.Rate is >= -1.0 and <= 1.0,
            Frgm.Settings.SettingKeys.Key(Frgm.Settings.SettingKeys.Risk.Section, Frgm.Settings.SettingKeys.Risk.Rate),
            risk.Rate,
            "a continuously compounded rate between -1 and 1 such as 0.04 (4 %)");

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(core);
        services.AddSingleton(ingest);
        services.AddSingleton(thresholds);
        services.AddSingleton(risk);
        services.AddSingleton(sp => LoadInstruments(core.InstrumentsFile, Loggers(sp)));
        services.AddSingleton(sp => CreateIngestion(sp, role, core, ingest));
        return services;
    }

    private static IngestionService CreateIngestion(IServiceProvider sp, IngestionRole role, CoreSettings core, IngestSettings ingest)
    {
        var handsOff = role is IngestionRole.Lambda or IngestionRole.LocalRunner;
        return new IngestionService(
            sp.GetRequiredService<StorageSet>(),
            sp.GetRequiredService<InstrumentCatalog>(),
            sp.GetRequiredService<AlarmThresholds>(),
            sp.GetRequiredService<TimeProvider>(),
            Loggers(sp).CreateLogger<IngestionService>())
        {
            MaxFileBytes = role switch
            {
                IngestionRole.Lambda => ingest.Limits(FileSizeLimits.Lambda),
                IngestionRole.LocalRunner => ingest.Limits(FileSizeLimits.None),
                IngestionRole.OversizeWorker => ingest.WorkerLimits(),
                _ => FileSizeLimits.None,
            },
            RiskRate = sp.GetRequiredService<RiskSettings>().Rate,
            WorkingOrderLimits = core.WorkingOrderLimits,

            // Over the limit in Lambda: queued for the dashboard's oversize worker (no time limit), watched by the alarm sweep.
            HandOffOversizedTo = handsOff && ingest.HandOffEnabled ? OversizeSettings.Worker : null,
            HandOffMaxWait = handsOff ? ingest.HandOffMaxWait : null,
        };
    }

    private static InstrumentCatalog LoadInstruments(string? path, ILoggerFactory loggers)
    {
        var catalog = ReferenceData.LoadInstruments(path);
        loggers.CreateLogger(typeof(FrgmServices)).LogInformation("{Count} instruments loaded from {Path}", catalog.Count, path ?? "the shipped instruments.csv");
        return catalog;
    }

    private static ILoggerFactory Loggers(IServiceProvider sp) => sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
