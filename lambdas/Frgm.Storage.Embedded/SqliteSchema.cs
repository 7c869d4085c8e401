namespace Frgm.Storage.Embedded;

/// <summary>
/// The embedded SQLite schema (one file, <c>&lt;DataDir&gt;/frgm.db</c>). Conventions: decimals are TEXT in
/// invariant form so they round-trip exactly; instants are INTEGER UTC ticks; business dates are TEXT
/// <c>yyyy-MM-dd</c> so they sort. Every statement is idempotent, so applying it at each start is safe.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 2;

    /// <summary>
    /// Columns added after version 1, as (table, column, definition): a database made by an older build gets them
    /// through ALTER TABLE (CREATE TABLE IF NOT EXISTS leaves an existing table as it was).
    /// </summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("positions", "greeks_source", "TEXT NOT NULL DEFAULT 'none'"),
        ("latest_positions", "greeks_source", "TEXT NOT NULL DEFAULT 'none'"),
        ("market_bars", "tick_ms", "TEXT"),
    ];

    /// <summary>One shape for history positions and latest positions: SqlitePositionRows reads and writes both.</summary>
    private const string PositionColumns = """
        business_date  TEXT    NOT NULL,
                    account_id     TEXT    NOT NULL,
                    ticker         TEXT    NOT NULL,
                    sod_qty        INTEGER NOT NULL,
                    sod_price      TEXT,
                    net_qty        INTEGER NOT NULL,
                    avg_price      TEXT,
                    mark_price     TEXT,
                    realized_pnl   TEXT,
                    unrealized_pnl TEXT,
                    day_pnl        TEXT,
                    delta TEXT NOT NULL, gamma TEXT NOT NULL, vega TEXT NOT NULL, theta TEXT NOT NULL,
                    updated_at     INTEGER NOT NULL,
                    greeks_source  TEXT    NOT NULL DEFAULT 'none',
                    PRIMARY KEY (business_date, account_id, ticker)
        """;

    public const string Sql = $"""
        CREATE TABLE IF NOT EXISTS market_bars (
            instrument   TEXT    NOT NULL,
            minute_start INTEGER NOT NULL,
            open         TEXT    NOT NULL,
            open_time    INTEGER NOT NULL,
            high         TEXT    NOT NULL,
            low          TEXT    NOT NULL,
            close        TEXT    NOT NULL,
            close_time   INTEGER NOT NULL,
            volume       INTEGER,
            ticks        INTEGER NOT NULL,
            tick_ms      TEXT,
            PRIMARY KEY (instrument, minute_start)
        ) WITHOUT ROWID;

        -- Per business date of the market-data file: each instrument's latest price (the as-of-D mark's facts).
        CREATE TABLE IF NOT EXISTS day_prices (
            business_date TEXT    NOT NULL,
            instrument    TEXT    NOT NULL,
            price         TEXT    NOT NULL,
            bid           TEXT,
            ask           TEXT,
            volume        INTEGER,
            timestamp     INTEGER NOT NULL,
            PRIMARY KEY (business_date, instrument)
        ) WITHOUT ROWID;

        -- Intraday P&L: one point per account per UTC minute of a business date (IPnlHistoryStore).
        CREATE TABLE IF NOT EXISTS pnl_history (
            business_date TEXT    NOT NULL,
            account_id    TEXT    NOT NULL,
            minute        INTEGER NOT NULL,
            at            INTEGER NOT NULL,
            day_pnl       TEXT    NOT NULL,
            PRIMARY KEY (business_date, account_id, minute)
        ) WITHOUT ROWID;
        -- Expiry by recording time, like the DynamoDB TTL (expires_at = at + retention), whatever the business date.
        CREATE INDEX IF NOT EXISTS ix_pnl_history_at ON pnl_history (at);

        CREATE TABLE IF NOT EXISTS eod (
            business_date    TEXT    NOT NULL,
            account          TEXT    NOT NULL,
            instrument       TEXT    NOT NULL,
            position         INTEGER NOT NULL,
            settlement_price TEXT    NOT NULL,
            delta TEXT NOT NULL, gamma TEXT NOT NULL, vega TEXT NOT NULL, theta TEXT NOT NULL,
            PRIMARY KEY (business_date, account, instrument)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_eod_instrument ON eod (instrument, business_date);

        CREATE TABLE IF NOT EXISTS sod (
            business_date TEXT    NOT NULL,
            account       TEXT    NOT NULL,
            instrument    TEXT    NOT NULL,
            position      INTEGER NOT NULL,
            price         TEXT    NOT NULL,
            PRIMARY KEY (business_date, account, instrument)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS trades (
            trade_id    TEXT    NOT NULL PRIMARY KEY,
            trade_date  TEXT    NOT NULL,
            account_id  TEXT    NOT NULL,
            ticker      TEXT    NOT NULL,
            side        TEXT    NOT NULL,
            quantity    INTEGER NOT NULL,
            price       TEXT    NOT NULL,
            exec_time   INTEGER,
            order_id    TEXT,
            trader      TEXT,
            exchange    TEXT,
            source_file TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_trades_date ON trades (trade_date, exec_time, trade_id);

        CREATE TABLE IF NOT EXISTS positions (
            {PositionColumns}
        ) WITHOUT ROWID;

        -- Per business date: how many times facts that feed its positions were stored (BumpFactsVersionAsync).
        CREATE TABLE IF NOT EXISTS facts_versions (
            business_date TEXT    NOT NULL PRIMARY KEY,
            version       INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- The facts version the stored history positions of a date were computed from.
        CREATE TABLE IF NOT EXISTS position_versions (
            business_date TEXT    NOT NULL PRIMARY KEY,
            version       INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS order_snapshots (
            snapshot_time INTEGER NOT NULL PRIMARY KEY,
            body          TEXT    NOT NULL,
            expires_at    INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_order_snapshots_expiry ON order_snapshots (expires_at);

        CREATE TABLE IF NOT EXISTS alarms (
            alarm_id        TEXT    NOT NULL PRIMARY KEY,
            alarm_key       TEXT    NOT NULL,
            type            TEXT    NOT NULL,
            severity        TEXT    NOT NULL,
            state           TEXT    NOT NULL,
            account_id      TEXT,
            ticker          TEXT,
            message         TEXT    NOT NULL,
            value           TEXT,
            threshold       TEXT,
            raised_at       INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            acknowledged_by TEXT,
            cleared_at      INTEGER,
            subject         TEXT,
            cleared_by      TEXT,
            comment         TEXT
        );
        -- At most one open alarm per key: a conditional raise is an INSERT OR IGNORE against this index.
        CREATE UNIQUE INDEX IF NOT EXISTS ux_alarms_open_key ON alarms (alarm_key) WHERE state <> 'CLEARED';
        CREATE INDEX IF NOT EXISTS ix_alarms_raised ON alarms (raised_at);
        -- What still needs a person: ACTIVE and cleared-unacknowledged alarms.
        CREATE INDEX IF NOT EXISTS ix_alarms_needs_ack ON alarms (raised_at) WHERE acknowledged_by IS NULL;

        -- Every transition of an alarm, written in the same transaction as the alarm row.
        CREATE TABLE IF NOT EXISTS alarm_history (
            seq      INTEGER PRIMARY KEY AUTOINCREMENT,
            alarm_id TEXT    NOT NULL,
            at       INTEGER NOT NULL,
            event    TEXT    NOT NULL,
            state    TEXT    NOT NULL,
            severity TEXT    NOT NULL,
            value    TEXT,
            by_name  TEXT,
            comment  TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_alarm_history_alarm ON alarm_history (alarm_id, seq);

        CREATE TABLE IF NOT EXISTS ledger (
            bucket        TEXT    NOT NULL,
            key           TEXT    NOT NULL,
            sha256        TEXT    NOT NULL,
            feed          TEXT,
            status        TEXT    NOT NULL,
            rows          INTEGER NOT NULL,
            rejected_rows INTEGER NOT NULL,
            duplicates    INTEGER NOT NULL DEFAULT 0,
            errors        TEXT    NOT NULL,
            received_at   INTEGER NOT NULL,
            completed_at  INTEGER,
            attempts      INTEGER NOT NULL,
            lease_until   INTEGER,
            PRIMARY KEY (bucket, key, sha256)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_ledger_received ON ledger (received_at);

        -- Per ledger entry, its notes (JSON array of "line N: ..."): duplicate trade ids, which are not errors.
        CREATE TABLE IF NOT EXISTS ledger_notes (
            bucket TEXT NOT NULL,
            key    TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            notes  TEXT NOT NULL,
            PRIMARY KEY (bucket, key, sha256)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS latest_prices (
            instrument TEXT    NOT NULL PRIMARY KEY,
            price      TEXT    NOT NULL,
            bid        TEXT,
            ask        TEXT,
            volume     INTEGER,
            timestamp  INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS latest_orders (
            slot          INTEGER NOT NULL PRIMARY KEY CHECK (slot = 1),
            snapshot_time INTEGER NOT NULL,
            body          TEXT    NOT NULL
        );

        CREATE TABLE IF NOT EXISTS latest_positions (
            {PositionColumns}
        ) WITHOUT ROWID;

        -- Working orders, row per order (SqliteWorkingOrders): one set per generation, current = 1 on at most one.
        CREATE TABLE IF NOT EXISTS working_order_sets (
            generation    INTEGER PRIMARY KEY,
            snapshot_time INTEGER,
            order_count   INTEGER NOT NULL DEFAULT 0,
            current       INTEGER NOT NULL DEFAULT 0,
            created_at    INTEGER NOT NULL
        );

        CREATE TABLE IF NOT EXISTS working_orders (
            generation INTEGER NOT NULL,
            seq        INTEGER NOT NULL,
            body       BLOB    NOT NULL,
            PRIMARY KEY (generation, seq)
        ) WITHOUT ROWID;

        -- Dates whose position set was replaced (possibly with no rows), so an empty set still counts.
        CREATE TABLE IF NOT EXISTS latest_position_dates (
            business_date TEXT NOT NULL PRIMARY KEY
        ) WITHOUT ROWID;

        -- The facts version the latest-state positions of a date were computed from.
        CREATE TABLE IF NOT EXISTS latest_position_versions (
            business_date TEXT    NOT NULL PRIMARY KEY,
            version       INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS feed_timestamps (
            feed TEXT    NOT NULL PRIMARY KEY,
            at   INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;
}
