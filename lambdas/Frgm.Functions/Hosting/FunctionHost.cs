using Frgm.Application.Composition;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Functions.Observability;
using Frgm.Functions.Secrets;
using Frgm.Functions.Tt;
using Frgm.Settings;
using Frgm.Storage.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Hosting;

/// <summary>Adds the adapter set to the host's services: AWS in Lambda (<see cref="AwsStorage.Compose"/>), embedded in the local runner.</summary>
public delegate Task StorageComposition(IServiceCollection services, FunctionHost host, CancellationToken ct);

/// <summary>
/// One per process (a warm Lambda reuses connections, the TT token and secrets across invocations): the settings,
/// bound when it is built so a bad one is an init error naming it; logs and EMF lines to <paramref name="output"/>
/// (stdout, which Lambda ships to CloudWatch Logs). The storage and the ingestion service are built on first use,
/// through the same <see cref="FrgmServices.AddFrgm"/> as the dashboard, so a handler that needs neither (the Slack
/// notifier) never connects to MemoryDB.
/// </summary>
public sealed class FunctionHost : IAsyncDisposable
{
    private readonly StorageComposition _storage;
    private readonly Lock _gate = new();
    private Task<ServiceProvider>? _services;

    public FunctionHost(IConfiguration configuration, TextWriter output, StorageComposition storage, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        Configuration = configuration;
        _storage = storage;
        Clock = clock ?? TimeProvider.System;
        Aws = AwsSettings.From(configuration);
        Loggers = new JsonLineLoggerProvider(output, LogLevel.Information, Clock);
        Metrics = new FrgmMetrics(new EmfWriter(output, Clock), Aws.Environment);
        Secrets = new SecretsClient(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, configuration.Variable, Loggers.CreateLogger<SecretsClient>());
    }

    public IConfiguration Configuration { get; }

    public AwsSettings Aws { get; }

    public TimeProvider Clock { get; }

    public ILoggerFactory Loggers { get; }

    public FrgmMetrics Metrics { get; }

    public SecretsClient Secrets { get; }

    /// <summary>True inside Lambda (<c>AWS_LAMBDA_FUNCTION_NAME</c> is set), false in the local runner.</summary>
    public bool InLambda => !string.IsNullOrEmpty(Configuration.Variable("AWS_LAMBDA_FUNCTION_NAME"));

    /// <summary>The core services over the adapter set, composed once. A failed build is not kept: the next call retries it.</summary>
    public Task<ServiceProvider> GetServicesAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_services is null || _services.IsFaulted || _services.IsCanceled)
            {
                _services = BuildAsync(ct);
            }

            return _services;
        }
    }

    public async Task<IngestionService> GetIngestionAsync(CancellationToken ct) =>
        (await GetServicesAsync(ct)).GetRequiredService<IngestionService>();

    public async Task<TtCredentials> GetTtCredentialsAsync(TtSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var arn = settings.SecretArn ?? throw new InvalidOperationException(SettingKeys.Describe(SettingKeys.Key(SettingKeys.Tt.Section, SettingKeys.Tt.SecretArn)) + " is not set");
        var secret = await Secrets.GetSecretStringAsync(arn, ct);
        return new TtCredentials(
            SecretFields.Required(secret, TtCredentials.IdField, arn),
            SecretFields.Required(secret, TtCredentials.SecretField, arn));
    }

    public async ValueTask DisposeAsync()
    {
        Task<ServiceProvider>? services;
        lock (_gate)
        {
            services = _services;
            _services = null;
        }

        if (services is { IsCompletedSuccessfully: true })
        {
            await services.Result.DisposeAsync();
        }

        Loggers.Dispose();
    }

    private async Task<ServiceProvider> BuildAsync(CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Loggers);
        services.AddSingleton(Clock);
        await _storage(services, this, ct);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
    }
}
