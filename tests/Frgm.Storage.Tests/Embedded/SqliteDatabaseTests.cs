using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ports;
using Frgm.Storage.Tests.Contract;

namespace Frgm.Storage.Tests.Embedded;

public sealed class SqliteDatabaseTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Journal_mode_delete_is_honoured_and_no_wal_file_appears()
    {
        var dir = fixture.NewDataDir();
        var storage = EmbeddedStorage.Create(dir, new EmbeddedStorageOptions { JournalMode = SqliteJournalMode.Delete });

        await storage.Latest.SetFeedTimestampAsync("sod", T0, default);
        await storage.History.PutTradesAsync([Trade("T-1")], default);

        Assert.Equal("delete", EmbeddedStorage.JournalModeOf(storage));
        Assert.True(File.Exists(Path.Combine(dir, EmbeddedStorage.DatabaseFileName)));
        Assert.False(File.Exists(Path.Combine(dir, EmbeddedStorage.DatabaseFileName + "-wal")));
    }

    [Fact]
    public async Task Wal_is_the_default_and_a_later_open_in_delete_mode_switches_the_file_back()
    {
        var dir = fixture.NewDataDir();
        var wal = EmbeddedStorage.Create(dir);
        await wal.Latest.SetFeedTimestampAsync("sod", T0, default);
        Assert.Equal("wal", EmbeddedStorage.JournalModeOf(wal));
        EmbeddedStorage.ReleaseConnections();

        var delete = EmbeddedStorage.Create(dir, new EmbeddedStorageOptions { JournalMode = SqliteJournalMode.Delete });

        Assert.Equal("delete", EmbeddedStorage.JournalModeOf(delete));
        Assert.Equal(T0, (await delete.Latest.GetFeedTimestampsAsync(default))["sod"]);
    }

    [Fact]
    public async Task A_database_from_before_greeks_source_gets_the_column_and_keeps_its_rows()
    {
        // The version-1 positions tables, as an older build left them: no greeks_source column.
        var dir = fixture.NewDataDir();
        var path = Path.Combine(dir, EmbeddedStorage.DatabaseFileName);
        const string V1Columns = """
            business_date TEXT NOT NULL, account_id TEXT NOT NULL, ticker TEXT NOT NULL, sod_qty INTEGER NOT NULL, sod_price TEXT,
            net_qty INTEGER NOT NULL, avg_price TEXT, mark_price TEXT, realized_pnl TEXT, unrealized_pnl TEXT, day_pnl TEXT,
            delta TEXT NOT NULL, gamma TEXT NOT NULL, vega TEXT NOT NULL, theta TEXT NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (business_date, account_id, ticker)
            """;
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText =
                $"CREATE TABLE positions ({V1Columns}) WITHOUT ROWID; CREATE TABLE latest_positions ({V1Columns}) WITHOUT ROWID; " +
                "INSERT INTO positions VALUES ('2026-11-19','MM1','ZNZ6',0,NULL,5,NULL,NULL,NULL,NULL,NULL,'5','0','0','0',0); PRAGMA user_version=1;";
            create.ExecuteNonQuery();
        }

        var storage = EmbeddedStorage.Create(dir);
        var date = new DateOnly(2026, 11, 20);
        var model = HistoryStoreContract.Position(date, "MM1", "OZN Z6 C112.5", 10);
        await storage.History.PutPositionsAsync(date, [model], 1, default);
        await storage.Latest.ReplacePositionsAsync(date, [model], 1, default);

        var kept = Assert.Single(await storage.History.GetPositionsAsync(new DateOnly(2026, 11, 19), default));
        Assert.Equal((5L, GreeksSource.None), (kept.NetQty, kept.GreeksSource));
        Assert.Equal(GreeksSource.Model, Assert.Single(await storage.History.GetPositionsAsync(date, default)).GreeksSource);
        Assert.Equal(model, Assert.Single(await storage.Latest.GetPositionsAsync(date, default)));
    }

    [Fact]
    public async Task A_restart_keeps_latest_prices_orders_positions_and_feed_times()
    {
        var dir = fixture.NewDataDir();
        var before = EmbeddedStorage.Create(dir);
        var date = new DateOnly(2026, 11, 20);
        var price = new MarketPrice("OZN Z6 C112.5", 0.546875m, 0.53125m, 0.5625m, 3120, T0);
        var orders = new OrderSnapshot(T0, [new WorkingOrder("tt-1", "MM1", "ZNZ6", "BUY", 10, 112.40625m, 10, 0, "WORKING", "LIMIT", "DAY", T0)]);
        var position = HistoryStoreContract.Position(date, "MM1", "ZNZ6", -30);
        await before.Latest.UpsertPricesAsync([price], default);
        await before.Latest.ReplaceWorkingOrdersAsync(orders, default);
        await before.Latest.ReplacePositionsAsync(date, [position], 1, default);
        await before.Latest.ReplacePositionsAsync(date.AddDays(1), [], 1, default);
        await before.Latest.SetFeedTimestampAsync("working-orders", T0, default);
        EmbeddedStorage.ReleaseConnections();

        var after = EmbeddedStorage.Create(dir);

        Assert.Equal(price, (await after.Latest.GetPricesAsync(default))[price.Instrument]);
        var restored = await after.Latest.GetWorkingOrdersAsync(default);
        Assert.Equal(orders.SnapshotTime, restored!.SnapshotTime);
        Assert.Equal(orders.Orders, restored.Orders);
        Assert.Equal(position, Assert.Single(await after.Latest.GetPositionsAsync(date, default)));
        Assert.Equal(date.AddDays(1), await after.Latest.GetPositionsDateAsync(default));
        Assert.Equal(T0, (await after.Latest.GetFeedTimestampsAsync(default))["working-orders"]);
    }

    [Fact]
    public async Task Order_snapshots_expire_seven_days_after_their_time()
    {
        var clock = new FakeTimeProvider(T0);
        var storage = EmbeddedStorage.Create(fixture.NewDataDir(), new EmbeddedStorageOptions { Clock = clock });
        var history = (SqliteHistoryStore)storage.History;
        await history.PutOrderSnapshotAsync(new OrderSnapshot(T0.AddDays(-8), []), default);
        await history.PutOrderSnapshotAsync(new OrderSnapshot(T0.AddDays(-6), []), default);
        await history.PutOrderSnapshotAsync(new OrderSnapshot(T0, []), default);

        Assert.Equal([T0.AddDays(-6), T0], await history.GetOrderSnapshotTimesAsync(default));
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await history.DeleteExpiredOrderSnapshotsAsync(default));
        Assert.Equal([T0], await history.GetOrderSnapshotTimesAsync(default));
    }

    [Fact]
    public async Task A_blotter_cursor_it_did_not_issue_is_a_clear_argument_error()
    {
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => storage.History.QueryBlotterAsync(new BlotterQuery(new DateOnly(2026, 11, 20), null, null, 10, "not-a-cursor!"), default));

        Assert.Contains("not-a-cursor!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decimals_keep_every_digit_and_their_scale()
    {
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());
        var price = new MarketPrice("X", 108.2578125m, 6021.00m, 0.0000000001m, null, T0);

        await storage.Latest.UpsertPricesAsync([price], default);
        EmbeddedStorage.ReleaseConnections();
        var reopened = EmbeddedStorage.Create(Path.GetDirectoryName(((FolderObjectStore)storage.Objects).BucketsRoot)!);
        var stored = (await reopened.Latest.GetPricesAsync(default))["X"];

        Assert.Equal("108.2578125|6021.00|0.0000000001", string.Join('|', new[] { stored.Price, stored.Bid!.Value, stored.Ask!.Value }.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Probes_are_named_sqlite_and_folders_and_answer()
    {
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());

        Assert.Equal(["sqlite", "folders"], storage.Probes.Select(p => p.Name));
        foreach (var probe in storage.Probes)
        {
            await probe.PingAsync(default);
        }
    }

    private static Trade Trade(string id) =>
        new(id, new DateOnly(2026, 11, 20), "MM1", "ZNZ6", Side.Buy, 1, 112.5m, T0, null, null, null, "f.csv");
}
