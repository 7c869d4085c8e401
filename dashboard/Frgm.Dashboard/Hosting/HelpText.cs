namespace Frgm.Dashboard.Hosting;

/// <summary>What <c>--help</c> prints: the settings of API.md and how to pass them.</summary>
internal static class HelpText
{
    public const string Text = """
        FRGM dashboard: operator UI, JSON API (/api/*), SSE, /health, /ready, /metrics.

        usage: Frgm.Dashboard [--urls URL] [--Frgm:Setting=value ...]
               dotnet run --project dashboard/Frgm.Dashboard -- [--urls URL] [--Frgm:Setting=value ...]
                 (the -- ends dotnet run's own options: everything after it reaches the dashboard)

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
          Frgm:MonitoringSeconds  Frgm__MonitoringSeconds  sample interval of the monitoring history  default 30
          Frgm:MaxWorkingOrderBytes  Frgm__MaxWorkingOrderBytes  largest TT snapshot read, in bytes     default 16777216
          Frgm:MaxWorkingOrders  Frgm__MaxWorkingOrders  most working orders in one snapshot          default 50000
          Frgm:AlbAuth:Signer  Frgm__AlbAuth__Signer  AWS: the ALB's ARN when its listener authenticates (operator names)
          Frgm:AlbAuth:KeyEndpoint  Frgm__AlbAuth__KeyEndpoint  AWS: where the ALB's signing keys are fetched  default the region's
          Frgm:Ingest:QuietPeriodMs  Frgm__Ingest__QuietPeriodMs  embedded: a file written in place is read once unchanged this long  default 1000
          Frgm:Aws:*           Frgm__Aws__*          AWS mode: table, bucket and Redis names (AwsSettings)
          Frgm:Ingest:OversizeWorker  Frgm__Ingest__OversizeWorker  AWS mode: off stops ingesting files the ingest function handed off  default on
          Frgm:Ingest:OversizeWorkerSeconds  Frgm__Ingest__OversizeWorkerSeconds  AWS mode: how often it looks for them  default 10
          Frgm:Ingest:WorkerMaxFileMb  Frgm__Ingest__WorkerMaxFileMb  AWS mode: largest handed-off file it reads (spill)  default 16384
          Frgm:Ingest:SummaryEvery  Frgm__Ingest__SummaryEvery  embedded: one console line per this many files  default 100
          Frgm:Alarms:*        Frgm__Alarms__*       alarm thresholds:
            Frgm:Alarms:PositionLimit            abs(net_qty) above this raises POSITION_LIMIT             default 500
            Frgm:Alarms:PositionLimits:<TICKER|PRODUCT>  per instrument or product                      default none
            Frgm:Alarms:LossLimit                account day_pnl below minus this raises LOSS_LIMIT        default 250000
            Frgm:Alarms:DeltaLimit               abs(account delta) above this raises DELTA_LIMIT          default 1000
            Frgm:Alarms:LargeTradeQuantity       a trade's quantity above this raises LARGE_TRADE          default 100
            Frgm:Alarms:PriceDeviationFraction   a trade this far from the mark raises PRICE_DEVIATION     default 0.02
            Frgm:Alarms:StaleMarketDataSeconds   a held instrument's price older than this: STALE_MARKET_DATA  default 300
            Frgm:Alarms:TtFeedStaleSeconds       no TT snapshot for this long: TT_FEED_STALE               default 120
            Frgm:Alarms:Accounts:<ACCOUNT>:<name>  per-account override of PositionLimit, PositionLimits:*, LossLimit,
                                                 DeltaLimit, LargeTradeQuantity, PriceDeviationFraction
          Frgm:Risk:Rate       Frgm__Risk__Rate      live model Greeks: Black-76 discount rate     default 0.04
          --urls               ASPNETCORE_URLS       listen address                                default http://127.0.0.1:5080

          Frgm:Limits:*        Frgm__Limits__*       request limits: MaxBodyBytes (16384), MaxUrlBytes (8192),
                                                     MaxHeaderBytes (32768), MaxHeaderCount (100), MinBodyBytesPerSecond
                                                     (240), BodyGraceSeconds (5), ApiKeyFailuresPerMinute (20, per client)

        commands:
          --help, -h           this text
          --rebuild-db         embedded: move an unusable frgm.db aside (kept as frgm.db.broken-<time>) and rebuild
                               it by ingesting every file under <DataDir>/buckets; run with the dashboard stopped

        In embedded mode a file copied into <DataDir>/buckets/actant/..., .../tt/... or .../trades/...
        is ingested exactly as the Lambda would ingest the same S3 key. Write slowly as name.part and
        rename into place; only regular files are read (FIFOs, devices, links and hidden names are IGNORED).
        A generated API key is kept in <DataDir>/api-key (owner-only) and printed last at start-up.
        On a port already in use the dashboard prints one line and exits with code 2, touching nothing.
        """;
}
