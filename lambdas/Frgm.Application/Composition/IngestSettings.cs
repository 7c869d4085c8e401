using Frgm.Application.Ingestion;
using Frgm.Domain.Model;
using Frgm.Settings;
using Microsoft.Extensions.Configuration;
using K = Frgm.Settings.SettingKeys.Ingest;

namespace Frgm.Application.Composition;

/// <summary>
/// <c>Frgm:Ingest:*</c>: size limits and the oversize hand-off (README.md, "Large files"), plus the dashboard's
/// folder watcher and oversize worker knobs. Which limits apply depends on who ingests (<see cref="IngestionRole"/>).
/// </summary>
public sealed class IngestSettings
{
    /// <summary>MiB for every feed; 0 removes the limit. Overrides the role's defaults.</summary>
    [ConfigurationKeyName(K.MaxFileMb)]
    public long? MaxFileMb { get; set; }

    /// <summary><c>MaxFileMb:&lt;feed&gt;</c> (market-data, eod, sod, trades, working-orders): wins over <see cref="MaxFileMb"/>.</summary>
    [ConfigurationKeyName(K.MaxFileMb)]
    public Dictionary<string, long> MaxFileMbByFeed { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>off</c> records an over-limit file FAILED at once instead of handing it to the dashboard worker.</summary>
    [ConfigurationKeyName(K.HandOff)]
    public string? HandOff { get; set; }

    [ConfigurationKeyName(K.HandOffMaxWaitMinutes)]
    public double? HandOffMaxWaitMinutes { get; set; }

    /// <summary>The oversize worker's per-file limit (its spill copy must fit the task's ephemeral storage).</summary>
    [ConfigurationKeyName(K.WorkerMaxFileMb)]
    public long? WorkerMaxFileMb { get; set; }

    /// <summary><c>off</c> turns the dashboard's oversize worker off (AWS mode).</summary>
    [ConfigurationKeyName(K.OversizeWorker)]
    public string? OversizeWorker { get; set; }

    [ConfigurationKeyName(K.OversizeWorkerSeconds)]
    public double? OversizeWorkerSeconds { get; set; }

    /// <summary>Embedded mode: one Information line per this many ingested files.</summary>
    [ConfigurationKeyName(K.SummaryEvery)]
    public int? SummaryEvery { get; set; }

    /// <summary>Embedded mode: how long a file written in place must stay unchanged before it is read.</summary>
    [ConfigurationKeyName(K.QuietPeriodMs)]
    public int? QuietPeriodMs { get; set; }

    public bool HandOffEnabled => !string.Equals(HandOff?.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    public bool OversizeWorkerEnabled => !string.Equals(OversizeWorker?.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    public static IngestSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = SettingsBinding.Bind(() => configuration.GetSection(K.Section).Get<IngestSettings>()) ?? new IngestSettings();
        return settings.Validated();
    }

    public IngestSettings Validated()
    {
        SettingsBinding.Require(MaxFileMb is null or >= 0, Key(K.MaxFileMb), MaxFileMb, "a whole number of MiB (0 = no limit)");
        foreach (var (feed, mb) in MaxFileMbByFeed)
        {
            SettingsBinding.Require(WireNames.TryParse<FeedKind>(feed, WireNames.Of, out _), Key(K.MaxFileMb) + ":" + feed, feed, "a feed: market-data, eod, sod, trades or working-orders");
            SettingsBinding.Require(mb >= 0, Key(K.MaxFileMb) + ":" + feed, mb, "a whole number of MiB (0 = no limit)");
        }

        SettingsBinding.Require(HandOffMaxWaitMinutes is null or > 0 && (HandOffMaxWaitMinutes is null || double.IsFinite(HandOffMaxWaitMinutes.Value)), Key(K.HandOffMaxWaitMinutes), HandOffMaxWaitMinutes, "a positive number of minutes");
        SettingsBinding.Require(WorkerMaxFileMb is null or > 0, Key(K.WorkerMaxFileMb), WorkerMaxFileMb, "a positive whole number of MiB");
        SettingsBinding.Require(OversizeWorkerSeconds is null or > 0, Key(K.OversizeWorkerSeconds), OversizeWorkerSeconds, "a positive number of seconds");
        SettingsBinding.Require(SummaryEvery is null or >= 1, Key(K.SummaryEvery), SummaryEvery, "a whole number of files (1 or more)");
        SettingsBinding.Require(QuietPeriodMs is null or >= 0, Key(K.QuietPeriodMs), QuietPeriodMs, "a whole number of milliseconds");
        return this;
    }

    /// <summary>The per-feed limits: <c>MaxFileMb:&lt;feed&gt;</c>, else <c>MaxFileMb</c>, else <paramref name="defaults"/>.</summary>
    public FileSizeLimits Limits(FileSizeLimits defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        long? Pick(FeedKind feed) =>
            MaxFileMbByFeed.TryGetValue(WireNames.Of(feed), out var mb) ? Bytes(mb)
            : MaxFileMb is { } every ? Bytes(every)
            : defaults.For(feed);
        return new FileSizeLimits(Pick(FeedKind.MarketData), Pick(FeedKind.Eod), Pick(FeedKind.Sod), Pick(FeedKind.Trades), Pick(FeedKind.WorkingOrders));
    }

    public FileSizeLimits WorkerLimits()
    {
        var bytes = (WorkerMaxFileMb ?? OversizeSettings.WorkerMaxFileMiB) * FileSizeLimits.MiB;
        return new FileSizeLimits(bytes, bytes, bytes, bytes, bytes);
    }

    public TimeSpan HandOffMaxWait => HandOffMaxWaitMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : OversizeSettings.DefaultMaxWait;

    private static long? Bytes(long mb) => mb <= 0 ? null : mb * FileSizeLimits.MiB;

    private static string Key(string name) => SettingKeys.Key(K.Section, name);
}
