using Frgm.Domain.Alarms;
using Frgm.Domain.Feeds;
using Frgm.Storage.Aws;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>A real embedded adapter set (SQLite + folders) in a temp directory and an IngestionService over it.</summary>
public sealed class EmbeddedFunctionStorage : IDisposable
{
    public EmbeddedFunctionStorage(TimeProvider clock, CapturedOutput output)
    {
        DataDir = Path.Combine(Path.GetTempPath(), "frgm-functions-tests", Guid.NewGuid().ToString("N"));
        Storage = EmbeddedStorage.Create(DataDir);
        Ingestion = new IngestionService(
            Storage,
            ReferenceData.LoadInstruments(null),
            new AlarmThresholds { TtFeedStaleSeconds = 120 },
            clock,
            output.Loggers.CreateLogger<IngestionService>());
    }

    public string DataDir { get; }

    public StorageSet Storage { get; }

    public IngestionService Ingestion { get; }

    public AwsSettings Aws { get; } = new() { Environment = "test" };

    public void Dispose()
    {
        EmbeddedStorage.ReleaseConnections();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
