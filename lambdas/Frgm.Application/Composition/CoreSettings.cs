using Frgm.Application.Ingestion;
using Frgm.Settings;
using Microsoft.Extensions.Configuration;
using G = Frgm.Settings.SettingKeys.General;

namespace Frgm.Application.Composition;

/// <summary>The <c>Frgm:*</c> settings outside any section that every ingesting process reads.</summary>
public sealed class CoreSettings
{
    /// <summary>Instrument reference data; null: the instruments.csv shipped inside Frgm.Domain.</summary>
    [ConfigurationKeyName(G.InstrumentsFile)]
    public string? InstrumentsFile { get; set; }

    [ConfigurationKeyName(G.MaxWorkingOrderBytes)]
    public long? MaxWorkingOrderBytes { get; set; }

    [ConfigurationKeyName(G.MaxWorkingOrders)]
    public long? MaxWorkingOrders { get; set; }

    public static CoreSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = SettingsBinding.Bind(() => configuration.GetSection(SettingKeys.Root).Get<CoreSettings>()) ?? new CoreSettings();
        if (string.IsNullOrWhiteSpace(settings.InstrumentsFile))
        {
            settings.InstrumentsFile = null;
        }

        SettingsBinding.Require(settings.MaxWorkingOrderBytes is null or > 0, SettingKeys.Key(G.Section, G.MaxWorkingOrderBytes), settings.MaxWorkingOrderBytes, "a positive whole number");
        SettingsBinding.Require(settings.MaxWorkingOrders is null or > 0, SettingKeys.Key(G.Section, G.MaxWorkingOrders), settings.MaxWorkingOrders, "a positive whole number");
        return settings;
    }

    /// <summary><c>Frgm:MaxWorkingOrderBytes</c> and <c>Frgm:MaxWorkingOrders</c>, the largest snapshot ingested.</summary>
    public WorkingOrderLimits WorkingOrderLimits => new(
        MaxWorkingOrderBytes ?? WorkingOrderLimits.DefaultMaxBytes,
        (int)Math.Min(int.MaxValue, MaxWorkingOrders ?? WorkingOrderLimits.DefaultMaxOrders));
}
