using Frgm.Domain.Alarms;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Functions.Observability;
using Frgm.Functions.Secrets;
using Frgm.Functions.Tt;
using Frgm.Storage.Aws;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Hosting;

/// <summary>
/// What the parameterless handler constructors use: everything built from environment variables, once per
/// process (a warm Lambda reuses connections, the TT token and secrets across invocations). Logs and EMF
/// lines go to stdout, which Lambda ships to CloudWatch Logs.
/// </summary>
public sealed class FunctionHost
{
    private static readonly Lazy<FunctionHost> SharedLazy = new(() => new FunctionHost(
        System.Environment.GetEnvironmentVariable,
        Console.Out,
        AwsStorage.CreateAsync));

    private readonly ResettableLazy<IngestionService> _ingestion;

    public FunctionHost(
        Func<string, string?> environment,
        TextWriter output,
        Func<FunctionHost, CancellationToken, Task<StorageSet>> storage,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Environment = environment;
        Clock = clock ?? TimeProvider.System;
        Aws = AwsSettings.FromEnvironment(environment);
        Loggers = new JsonLineLoggerProvider(output, LogLevel.Information, Clock);
        Metrics = new FrgmMetrics(new EmfWriter(output, Clock), Aws.Environment);
        Secrets = new SecretsClient(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, environment, Loggers.CreateLogger<SecretsClient>());
        _ingestion = new(async ct => new IngestionService(
            await storage(this, ct),
            LoadInstruments(),
            AlarmThresholdsFromEnvironment.Read(environment),
            Clock,
            Loggers.CreateLogger<IngestionService>())
        {
            // In Lambda the per-feed limits that finish inside the timeout; the local runner reads any size.
            MaxFileBytes = FileSizeLimits.FromEnvironment(environment, environment("AWS_LAMBDA_FUNCTION_NAME") is null ? FileSizeLimits.None : FileSizeLimits.Lambda),
            RiskRate = RiskSettingsFromEnvironment.Read(environment).Rate,

            // Over the limit: queued for the dashboard's oversize worker (no time limit), watched by the alarm sweep.
            HandOffOversizedTo = OversizeSettings.HandOffFromEnvironment(environment),
            HandOffMaxWait = OversizeSettings.MaxWaitFromEnvironment(environment),
        });
    }

    public static FunctionHost Shared => SharedLazy.Value;

    public Func<string, string?> Environment { get; }

    public AwsSettings Aws { get; }

    public TimeProvider Clock { get; }

    public ILoggerFactory Loggers { get; }

    public FrgmMetrics Metrics { get; }

    public SecretsClient Secrets { get; }

    public Task<IngestionService> GetIngestionAsync(CancellationToken ct) => _ingestion.GetAsync(ct);

    public async Task<TtCredentials> GetTtCredentialsAsync(TtSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var arn = settings.SecretArn ?? throw new InvalidOperationException("Frgm__Tt__SecretArn is not set");
        var secret = await Secrets.GetSecretStringAsync(arn, ct);
        return new TtCredentials(
            SecretFields.Required(secret, TtCredentials.IdField, arn),
            SecretFields.Required(secret, TtCredentials.SecretField, arn));
    }

    /// <summary><c>Frgm__InstrumentsFile</c>, else the instruments.csv shipped inside Frgm.Domain.</summary>
    private InstrumentCatalog LoadInstruments()
    {
        var path = Environment("Frgm__InstrumentsFile") is { Length: > 0 } configured ? configured : null;
        var catalog = ReferenceData.LoadInstruments(path);
        Loggers.CreateLogger<FunctionHost>().LogInformation("{Count} instruments loaded from {Path}", catalog.Count, path ?? "the shipped instruments.csv");
        return catalog;
    }
}
