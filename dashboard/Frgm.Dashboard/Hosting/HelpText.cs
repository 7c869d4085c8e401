namespace Frgm.Dashboard.Hosting;

/// <summary>What <c>--help</c> prints: the settings of API.md and how to pass them.</summary>
internal static class HelpText
{
    public const string Text = """
        FRGM dashboard: operator UI, JSON API (/api/*), SSE, /health, /ready, /metrics.

        usage: Frgm.Dashboard [--urls URL] [--Frgm:Setting value ...]

        settings (appsettings.json, environment variables with __, or command line):
          Frgm:Mode            Frgm__Mode            Embedded (SQLite + local folders) | Aws     default Embedded
          Frgm:DataDir         Frgm__DataDir         embedded root: buckets/<role>/<key> + SQLite  default ./.frgm
          Frgm:ApiKey          Frgm__ApiKey          API key(s) for /api/*, comma-separated        default a random key, printed once
          Frgm:Demo            Frgm__Demo            embedded: write a live demo market as files   default true
          Frgm:DemoFileMaxAgeMinutes  Frgm__DemoFileMaxAgeMinutes
                                                     demo: remove its own ingested files this old  default 15
          Frgm:InstrumentsFile Frgm__InstrumentsFile instrument reference CSV                      default the shipped file
          Frgm:MonitoringDb    Frgm__MonitoringDb    SQLite file for the dashboard's own history   default <DataDir>/monitoring.db
          Frgm:SweepSeconds    Frgm__SweepSeconds    embedded: stale-data alarm sweep interval     default 5
          Frgm:Ingest:QuietPeriodMs  Frgm__Ingest__QuietPeriodMs  embedded: a file written in place is read once unchanged this long  default 1000
          Frgm:Aws:*           Frgm__Aws__*          AWS mode: table, bucket and Redis names (AwsSettings)
          Frgm:Ingest:OversizeWorker  Frgm__Ingest__OversizeWorker  AWS mode: off stops ingesting files the ingest function handed off  default on
          Frgm:Ingest:OversizeWorkerSeconds  Frgm__Ingest__OversizeWorkerSeconds  AWS mode: how often it looks for them  default 10
          Frgm:Ingest:WorkerMaxFileMb  Frgm__Ingest__WorkerMaxFileMb  AWS mode: largest handed-off file it reads (spill)  default 16384
          Frgm:Alarms:*        Frgm__Alarms__*       alarm thresholds (AlarmThresholds)
          --urls               ASPNETCORE_URLS       listen address                                default http://127.0.0.1:5080

          Frgm:Limits:*        Frgm__Limits__*       request limits: MaxBodyBytes (16384), MaxUrlBytes (8192),
                                                     MaxHeaderBytes (32768), MaxHeaderCount (100), MinBodyBytesPerSecond
                                                     (240), BodyGraceSeconds (5), ApiKeyFailuresPerMinute (20, per client)

        commands:
          --rebuild-db         embedded: move an unusable frgm.db aside (kept as frgm.db.broken-<time>) and rebuild
                               it by ingesting every file under <DataDir>/buckets; run with the dashboard stopped

        In embedded mode a file copied into <DataDir>/buckets/actant/..., .../tt/... or .../trades/...
        is ingested exactly as the Lambda would ingest the same S3 key. Write slowly as name.part and
        rename into place; only regular files are read (FIFOs, devices, links and hidden names are IGNORED).
        """;
}
