using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.Contract;

/// <summary>
/// The ingestion service end to end over an adapter family, with the shared sample files: what the
/// dashboard will read (positions, blotter, orders, alarms, ledger) and every retry/duplicate rule.
/// </summary>
public abstract class IngestionContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    protected static readonly DateOnly D20 = new(2026, 11, 20);

    [Fact]
    public async Task The_sample_day_gives_the_documented_positions_blotter_orders_and_ledger()
    {
        var (storage, service) = await NewServiceAsync();

        foreach (var path in SampleFeeds.All)
        {
            var result = await IngestAsync(storage, service, path);
            Assert.Equal(LedgerClaimOutcome.Claimed, result.Outcome);
            Assert.Equal(FileStatus.Completed, result.Entry.Status);
        }

        Assert.Equal(D20, await storage.Latest.GetPositionsDateAsync(default));
        var positions = await storage.Latest.GetPositionsAsync(D20, default);
        var zn = Assert.Single(positions, p => p is { AccountId: "MM1", Ticker: "ZNZ6" });
        Assert.Equal(-30, zn.NetQty);
        Assert.Equal(112.359375m, zn.AvgPrice);
        Assert.Equal(112.421875m, zn.MarkPrice);
        Assert.Equal(-703.125m, zn.RealizedPnl);
        Assert.Equal(-1875m, zn.UnrealizedPnl);
        Assert.Equal(-2578.125m, zn.DayPnl);
        Assert.Equal(-30m, zn.Delta);
        Assert.Equal(2, Assert.Single(positions, p => p is { AccountId: "HEDGE", Ticker: "ESZ6" }).NetQty);
        Assert.Equal(100, Assert.Single(positions, p => p is { AccountId: "MM1", Ticker: "OZN Z6 C112.5" }).NetQty);
        Assert.Equal(positions.OrderBy(p => p.AccountId).ThenBy(p => p.Ticker), (await storage.History.GetPositionsAsync(D20, default)).OrderBy(p => p.AccountId).ThenBy(p => p.Ticker));

        var blotter = await storage.History.QueryBlotterAsync(new BlotterQuery(D20, null, null, 100, null), default);
        Assert.Equal(["T-1001", "T-1002", "T-1003", "T-1004"], blotter.Trades.Select(t => t.TradeId).Order(StringComparer.Ordinal));
        Assert.Equal(SampleFeeds.Locate(SampleFeeds.Trades).Key, blotter.Trades[0].SourceFile);

        var orders = await storage.Latest.GetWorkingOrdersAsync(default);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), orders!.SnapshotTime);
        Assert.Equal(3, orders.Orders.Count);

        var prices = await storage.Latest.GetPricesAsync(default);
        Assert.Equal(6, prices.Count);
        Assert.Single(await storage.History.GetMarketBarsAsync("ZNZ6", T0.AddHours(-1), T0.AddHours(1), default));

        var ledger = await storage.Ledger.ListAsync(null, 100, default);
        Assert.Equal(5, ledger.Count);
        Assert.All(ledger, e => Assert.Equal(FileStatus.Completed, e.Status));
        Assert.Equal(4, ledger.Single(e => e.Feed == FeedKind.Trades).Rows);
        Assert.DoesNotContain(await storage.Alarms.GetOpenAsync(default), a => a.Type is AlarmType.FeedFailed or AlarmType.FeedRejectedRows);
        var feeds = await storage.Latest.GetFeedTimestampsAsync(default);
        Assert.Equal(["eod", "market-data", "sod", "trades", "working-orders"], feeds.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_same_object_delivered_twice_is_processed_once()
    {
        var (storage, service) = await NewServiceAsync();

        var first = await IngestAsync(storage, service, SampleFeeds.Trades);
        var second = await IngestAsync(storage, service, SampleFeeds.Trades);

        Assert.Equal(LedgerClaimOutcome.Claimed, first.Outcome);
        Assert.Equal(LedgerClaimOutcome.AlreadyProcessed, second.Outcome);
        Assert.False(second.ShouldRetry);
        Assert.Equal(FileStatus.Completed, second.Entry.Status);
        Assert.Equal(4, (await storage.History.GetTradesAsync(D20, default)).Count);
        Assert.Single(await storage.Ledger.ListAsync(null, 100, default));
    }

    [Fact]
    public async Task New_content_under_the_same_key_is_a_new_version()
    {
        var (storage, service) = await NewServiceAsync();
        await IngestAsync(storage, service, SampleFeeds.Trades);
        var amended = System.Text.Encoding.UTF8.GetString(SampleFeeds.Read(SampleFeeds.Trades)).TrimEnd() +
            "\nT-1005,2026-11-20,MM1,ZNZ6,BUY,3,112.40625,2026-11-20T14:28:00Z,O-555,jdoe\n";

        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, SampleFeeds.Trades, amended);
        var result = await service.IngestAsync(bucket, key, default);

        Assert.Equal(LedgerClaimOutcome.Claimed, result.Outcome);
        Assert.Equal((5, 0), (result.Entry.Rows, result.Entry.Duplicates));
        Assert.Equal(5, (await storage.History.GetTradesAsync(D20, default)).Count);
        var versions = (await storage.Ledger.ListAsync(null, 100, default)).Where(e => e.Key == key).ToList();
        Assert.Equal(2, versions.Select(v => v.Sha256).Distinct().Count());
        // No SOD in this test: 15 - 5 from the sample fills, + 3 from the amendment.
        Assert.Equal(13, (await storage.Latest.GetPositionsAsync(D20, default)).Single(p => p is { AccountId: "MM1", Ticker: "ZNZ6" }).NetQty);
    }

    // Issue 11 item 2: a file over its feed's limit is FAILED at once, naming the limit and the way to process it, with a
    // FEED_FAILED alarm; it is not thrown (SQS would re-deliver a file that can never finish) and not read past the limit.
    [Fact]
    public async Task A_file_over_its_feeds_size_limit_is_failed_at_once_with_the_way_to_process_it()
    {
        var storage = await NewSetAsync();
        var limited = new IngestionService(storage, SampleFeeds.Instruments(), new AlarmThresholds(), Clock, NullLogger<IngestionService>.Instance)
        {
            MaxFileBytes = FileSizeLimits.None with { Trades = 100 },
        };
        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, SampleFeeds.Trades);
        var market = await SampleFeeds.PutAsync(storage.Objects, SampleFeeds.Market);

        var result = await limited.IngestAsync(bucket, key, default);
        var again = await limited.IngestAsync(bucket, key, default);
        var other = await limited.IngestAsync(market.Bucket, market.Key, default);

        Assert.Equal((LedgerClaimOutcome.Claimed, FileStatus.Failed, false), (result.Outcome, result.Entry.Status, result.ShouldRetry));
        var message = Assert.Single(result.Entry.Errors);
        Assert.Contains("larger than 100 bytes", message, StringComparison.Ordinal);
        Assert.Contains("Frgm__Ingest__MaxFileMb=0", message, StringComparison.Ordinal);
        Assert.Contains("--key " + key, message, StringComparison.Ordinal);
        Assert.False(again.ShouldRetry);
        Assert.Empty(await storage.History.GetTradesAsync(D20, default));
        Assert.Contains(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.FeedFailed);
        Assert.Equal(FileStatus.Completed, other.Entry.Status);

        var unlimited = Service(storage);
        var processed = await unlimited.IngestAsync(bucket, key, default);
        Assert.Equal((FileStatus.Completed, 4), (processed.Entry.Status, processed.Entry.Rows));
    }

    [Fact]
    public async Task Ten_concurrent_deliveries_are_processed_once()
    {
        var (storage, service) = await NewServiceAsync();
        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, SampleFeeds.Trades);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => service.IngestAsync(bucket, key, default))));

        Assert.Single(results, r => r.Outcome == LedgerClaimOutcome.Claimed);
        Assert.All(results.Where(r => r.Outcome == LedgerClaimOutcome.InProgress), r => Assert.True(r.ShouldRetry));
        Assert.Equal(4, (await storage.History.GetTradesAsync(D20, default)).Count);
        var entry = Assert.Single(await storage.Ledger.ListAsync(null, 100, default));
        Assert.Equal((FileStatus.Completed, 1), (entry.Status, entry.Attempts));
    }

    [Fact]
    public async Task The_sample_files_delivered_all_at_once_converge_to_the_same_positions()
    {
        var (storage, service) = await NewServiceAsync();
        var located = new List<(BucketRole Bucket, string Key)>();
        foreach (var path in SampleFeeds.All)
        {
            located.Add(await SampleFeeds.PutAsync(storage.Objects, path));
        }

        var results = await Task.WhenAll(located.Select(o => Task.Run(() => service.IngestAsync(o.Bucket, o.Key, default))));

        Assert.All(results, r => Assert.Equal(FileStatus.Completed, r.Entry.Status));
        var zn = (await storage.Latest.GetPositionsAsync(D20, default)).Single(p => p is { AccountId: "MM1", Ticker: "ZNZ6" });
        Assert.Equal((-30, 112.421875m, -2578.125m, -30m), (zn.NetQty, zn.MarkPrice!.Value, zn.DayPnl!.Value, zn.Delta));
    }

    [Fact]
    public async Task Bad_rows_are_rejected_with_their_line_and_the_rest_is_kept()
    {
        var (storage, service) = await NewServiceAsync();
        const string content =
            "trade_id,trade_date,account_id,ticker,side,quantity,price\n" +
            "T-1,2026-11-20,MM1,ZNZ6,BUY,15,112.390625\n" +
            "T-2,2026-11-20,MM1,ZNZ6,BUY,5,abc\n" +
            "\n" +
            "T-3,2026-11-20,MM1,ZNZ6,HOLD,5,112.5\n" +
            "T-4,2026-11-20,MM1,ZNZ6,SELL,5,112.4375\n";

        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, "trades/trades/2026/11/20/bad_20261120.csv", content);
        var result = await service.IngestAsync(bucket, key, default);

        Assert.Equal(FileStatus.CompletedWithErrors, result.Entry.Status);
        Assert.Equal((2, 2), (result.Entry.Rows, result.Entry.RejectedRows));
        Assert.Equal(2, result.Entry.Errors.Count);
        Assert.StartsWith("line 3: ", result.Entry.Errors[0], StringComparison.Ordinal);
        Assert.Contains("abc", result.Entry.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 5: ", result.Entry.Errors[1], StringComparison.Ordinal);
        Assert.Equal(["T-1", "T-4"], (await storage.History.GetTradesAsync(D20, default)).Select(t => t.TradeId).Order(StringComparer.Ordinal));
        var alarm = Assert.Single(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.FeedRejectedRows);
        Assert.Equal(2m, alarm.Value);
        Assert.Equal(FileStatus.CompletedWithErrors, (await storage.Ledger.GetAsync(bucket, key, result.Entry.Sha256, default))!.Status);
    }

    [Fact]
    public async Task A_file_with_many_bad_rows_stores_the_first_hundred_errors_and_counts_the_rest()
    {
        var (storage, service) = await NewServiceAsync();
        var content = new System.Text.StringBuilder("instrument,price\nZNZ6,112.5\n");
        for (var i = 0; i < 150; i++)
        {
            content.Append("ZNZ6,abc\n");
        }

        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, SampleFeeds.Market, content.ToString());
        var result = await service.IngestAsync(bucket, key, default);

        Assert.Equal((FileStatus.CompletedWithErrors, 1, 150), (result.Entry.Status, result.Entry.Rows, result.Entry.RejectedRows));
        Assert.Equal(101, result.Entry.Errors.Count);
        Assert.StartsWith("line 3: ", result.Entry.Errors[0], StringComparison.Ordinal);
        Assert.Equal("... and 50 more", result.Entry.Errors[^1]);
        Assert.Equal(101, (await storage.Ledger.GetAsync(bucket, key, result.Entry.Sha256, default))!.Errors.Count);
    }

    [Fact]
    public async Task A_missing_object_is_reported_as_not_found_and_leaves_no_ledger_entry()
    {
        var (storage, service) = await NewServiceAsync();

        await Assert.ThrowsAsync<ObjectNotFoundException>(() => service.IngestAsync(BucketRole.Trades, "trades/2026/11/20/gone.csv", default));

        Assert.Empty(await storage.Ledger.ListAsync(null, 10, default));
    }

    [Fact]
    public async Task A_key_that_matches_no_feed_is_recorded_as_ignored_with_its_reason()
    {
        var (storage, service) = await NewServiceAsync();
        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, "actant/readme/notes.txt", "hello");

        var result = await service.IngestAsync(bucket, key, default);
        var again = await service.IngestAsync(bucket, key, default);

        Assert.Equal(FileStatus.Ignored, result.Entry.Status);
        Assert.NotEmpty(Assert.Single(result.Entry.Errors));
        Assert.Equal(LedgerClaimOutcome.AlreadyProcessed, again.Outcome);
        Assert.Equal(key, Assert.Single(await storage.Ledger.ListAsync(FileStatus.Ignored, 10, default)).Key);
    }

    [Fact]
    public async Task A_missing_required_column_fails_the_file_names_the_column_and_raises_FEED_FAILED()
    {
        var (storage, service) = await NewServiceAsync();
        var (bucket, key) = await SampleFeeds.PutAsync(
            storage.Objects, SampleFeeds.Market, "instrument,bid,ask\nZNZ6,112.40625,112.4375\n");

        var result = await service.IngestAsync(bucket, key, default);

        Assert.Equal(FileStatus.Failed, result.Entry.Status);
        Assert.Contains("price", Assert.Single(result.Entry.Errors), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await storage.Latest.GetPricesAsync(default));
        var alarm = Assert.Single(await storage.Alarms.GetOpenAsync(default));
        Assert.Equal(AlarmType.FeedFailed, alarm.Type);
        Assert.Equal(FileStatus.Failed, (await storage.Ledger.GetAsync(bucket, key, result.Entry.Sha256, default))!.Status);
    }

    [Fact]
    public async Task A_second_sod_restates_the_accounts_it_names_and_positions_follow()
    {
        var (storage, service) = await NewServiceAsync();
        foreach (var path in SampleFeeds.All)
        {
            await IngestAsync(storage, service, path);
        }

        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, SampleFeeds.Sod, "account,instrument,position,price\nMM1,ZNZ6,-50,112.34375\n");
        var result = await service.IngestAsync(bucket, key, default);

        Assert.Equal((LedgerClaimOutcome.Claimed, FileStatus.Completed), (result.Outcome, result.Entry.Status));
        var positions = await storage.Latest.GetPositionsAsync(D20, default);
        Assert.Equal(-40, positions.Single(p => p is { AccountId: "MM1", Ticker: "ZNZ6" }).NetQty);
        Assert.Equal(-20, positions.Single(p => p is { AccountId: "MM1", Ticker: "OZN Z6 C112.5" }).NetQty);
        Assert.DoesNotContain(positions, p => p.Ticker == "OZN Z6 P110");
        Assert.Equal(2, positions.Single(p => p is { AccountId: "HEDGE", Ticker: "ESZ6" }).NetQty);
        Assert.Equal(
            positions.Select(p => (p.AccountId, p.Ticker, p.NetQty)).Order(),
            (await storage.History.GetPositionsAsync(D20, default)).Select(p => (p.AccountId, p.Ticker, p.NetQty)).Order());
    }

    [Fact]
    public async Task A_store_failure_records_FAILED_naming_the_store_and_step_and_a_retry_converges_without_duplicates()
    {
        var (storage, service, failing) = await NewFailingServiceAsync();
        await IngestAsync(storage, service, SampleFeeds.Sod);
        await IngestAsync(storage, service, SampleFeeds.Market);
        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, SampleFeeds.Trades);
        failing.Arm("PutPositions");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => service.IngestAsync(bucket, key, default));
        var failed = Assert.Single(await storage.Ledger.ListAsync(FileStatus.Failed, 10, default));
        var retry = await service.IngestAsync(bucket, key, default);
        var again = await service.IngestAsync(bucket, key, default);

        Assert.Contains("simulated outage", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, failing.Failures);
        Assert.Contains("history", failed.Errors[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PutPositions", failed.Errors[0], StringComparison.Ordinal);
        Assert.Equal((LedgerClaimOutcome.Claimed, FileStatus.Completed, 2), (retry.Outcome, retry.Entry.Status, retry.Entry.Attempts));
        Assert.Equal((4, 0), (retry.Entry.Rows, retry.Entry.Duplicates));
        Assert.Equal(LedgerClaimOutcome.AlreadyProcessed, again.Outcome);
        Assert.Equal(4, (await storage.History.GetTradesAsync(D20, default)).Count);
        var zn = (await storage.Latest.GetPositionsAsync(D20, default)).Single(p => p is { AccountId: "MM1", Ticker: "ZNZ6" });
        Assert.Equal((-30, -2578.125m), (zn.NetQty, zn.DayPnl!.Value));
        Assert.Equal(-30, (await storage.History.GetPositionsAsync(D20, default)).Single(p => p is { AccountId: "MM1", Ticker: "ZNZ6" }).NetQty);
    }

    [Fact]
    public async Task A_trade_id_already_stored_from_another_file_is_counted_as_a_duplicate_not_an_error()
    {
        var (storage, service) = await NewServiceAsync();
        await IngestAsync(storage, service, SampleFeeds.Trades);
        var (bucket, key) = await SampleFeeds.PutAsync(
            storage.Objects,
            "trades/trades/2026/11/20/fills_20261120_1500.csv",
            "trade_id,trade_date,account_id,ticker,side,quantity,price\nT-1001,2026-11-20,MM1,ZNZ6,BUY,15,112.390625\nT-2001,2026-11-20,MM1,ZNZ6,BUY,1,112.5\n");

        var result = await service.IngestAsync(bucket, key, default);

        Assert.Equal(FileStatus.Completed, result.Entry.Status);
        Assert.Equal((1, 0), (result.Entry.Duplicates, result.Entry.RejectedRows));
        Assert.Equal(5, (await storage.History.GetTradesAsync(D20, default)).Count);
        // No SOD in this test: 15 - 5 from the sample fills, + 1 from T-2001; the repeated T-1001 adds nothing.
        Assert.Equal(11, (await storage.Latest.GetPositionsAsync(D20, default)).Single(p => p is { AccountId: "MM1", Ticker: "ZNZ6" }).NetQty);
    }

    [Fact]
    public async Task Each_duplicate_trade_id_is_noted_in_the_ledger_with_its_line_and_the_file_that_booked_it_first()
    {
        var (storage, service) = await NewServiceAsync();
        await IngestAsync(storage, service, SampleFeeds.Trades);
        var first = SampleFeeds.Locate(SampleFeeds.Trades).Key;
        var (bucket, key) = await SampleFeeds.PutAsync(
            storage.Objects,
            "trades/trades/2026/11/20/fills_20261120_1600.csv",
            "trade_id,trade_date,account_id,ticker,side,quantity,price\n" +
            "T-3001,2026-11-20,MM1,ZNZ6,BUY,1,112.5\n" +
            "T-1002,2026-11-20,MM1,ZNZ6,SELL,5,112.4\n" +
            "T-3001,2026-11-20,MM1,ZNZ6,BUY,1,112.5\n");

        var result = await service.IngestAsync(bucket, key, default);

        Assert.Equal(FileStatus.Completed, result.Entry.Status);
        Assert.Equal((2, 0, 3), (result.Entry.Duplicates, result.Entry.RejectedRows, result.Entry.Rows));
        Assert.Empty(result.Entry.Errors);
        string[] expected =
        [
            $"line 3: duplicate trade_id T-1002 already booked by {first}",
            $"line 4: duplicate trade_id T-3001 already booked by {key}",
        ];
        Assert.Equal(expected, result.Entry.Notes.Order(StringComparer.Ordinal));
        var stored = await storage.Ledger.GetAsync(bucket, key, result.Entry.Sha256, default);
        Assert.Equal(expected, stored!.Notes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_older_orders_snapshot_goes_to_history_but_never_replaces_a_newer_set()
    {
        var (storage, service) = await NewServiceAsync();
        await IngestAsync(storage, service, SampleFeeds.Orders);

        var (bucket, key) = await SampleFeeds.PutAsync(
            storage.Objects,
            "tt/working-orders/2026/11/20/orders_snapshot_1795183200.json",
            """{"snapshot_time": "2026-11-20T14:00:00Z", "orders": []}""");
        var result = await service.IngestAsync(bucket, key, default);

        Assert.Equal((FileStatus.Completed, 0), (result.Entry.Status, result.Entry.Rows));
        var orders = await storage.Latest.GetWorkingOrdersAsync(default);
        Assert.Equal((T0, 3), (orders!.SnapshotTime, orders.Orders.Count));
    }

    [Fact]
    public async Task The_sweep_raises_stale_market_data_and_tt_feed_alarms_and_clears_them_when_fresh_data_arrives()
    {
        var (storage, service) = await NewServiceAsync();
        foreach (var path in SampleFeeds.All)
        {
            await IngestAsync(storage, service, path);
        }

        Clock.SetUtcNow(T0.AddMinutes(30));
        var raised = await service.SweepAsync(default);

        Assert.Contains(raised, a => a is { Type: AlarmType.TtFeedStale, State: AlarmState.Active });
        Assert.Contains(raised, a => a is { Type: AlarmType.StaleMarketData, Ticker: "ZNZ6", State: AlarmState.Active });
        Assert.Empty(await service.SweepAsync(default));

        await SampleFeeds.PutAsync(
            storage.Objects,
            "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_150000.csv",
            "instrument,price\nZNZ6,112.5\nZBZ6,118.8\nZFZ6,108.25\nESZ6,6021\nOZN Z6 C112.5,0.55\nOZN Z6 P110,0.11\n");
        await service.IngestAsync(BucketRole.Actant, "market-data/2026/11/20/GE_XCME.ZN_20261120_150000.csv", default);
        await SampleFeeds.PutAsync(
            storage.Objects, "tt/working-orders/2026/11/20/orders_snapshot_1795186800.json", """{"snapshot_time": "2026-11-20T15:00:00Z", "orders": []}""");
        await service.IngestAsync(BucketRole.Tt, "working-orders/2026/11/20/orders_snapshot_1795186800.json", default);
        var cleared = await service.SweepAsync(default);

        Assert.NotEmpty(cleared);
        Assert.All(cleared, a => Assert.Equal(AlarmState.Cleared, a.State));
        Assert.DoesNotContain(await storage.Alarms.GetOpenAsync(default), a => a.Type is AlarmType.StaleMarketData or AlarmType.TtFeedStale);
    }

    [Fact]
    public async Task Every_file_publishes_a_files_change_and_positions_changes_follow_recomputes()
    {
        var (storage, service) = await NewServiceAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var subscription = storage.Changes.SubscribeAsync(stop.Token);
        var details = new List<(string Topic, string? Detail)>();
        string[] keys = [SampleFeeds.Locate(SampleFeeds.Sod).Key, SampleFeeds.Locate(SampleFeeds.Market).Key, SampleFeeds.Locate(SampleFeeds.Orders).Key];

        // Read until the last file's own change and its files change are in (or the stop ends the wait), not a fixed count.
        var reader = Task.Run(async () =>
        {
            await foreach (var change in subscription)
            {
                details.Add((change.Topic.WireName(), change.Detail));
                if (keys.All(k => details.Any(d => d.Topic == "files" && d.Detail!.EndsWith(k, StringComparison.Ordinal)))
                    && details.Any(d => d.Topic == "orders"))
                {
                    break;
                }
            }
        });
        await Task.Delay(200);

        await IngestAsync(storage, service, SampleFeeds.Sod);
        await IngestAsync(storage, service, SampleFeeds.Market);
        await IngestAsync(storage, service, SampleFeeds.Orders);
        await reader;

        var topics = details.Select(d => d.Topic).ToList();
        Assert.Contains("positions", topics);
        Assert.Contains("market", topics);
        Assert.Contains("orders", topics);
        Assert.Equal(3, details.Where(d => d.Topic == "files").Select(d => d.Detail).Distinct().Count());
    }

    [Fact]
    public async Task A_slow_recompute_that_read_stale_trades_does_not_overwrite_a_newer_one_from_another_lambda()
    {
        var storage = await NewSetAsync();
        var (a, b) = await RecomputeRace.RunAsync(storage, Service);

        Assert.Equal(FileStatus.Completed, a.Entry.Status);
        Assert.Equal(FileStatus.Completed, b.Entry.Status);
        Assert.Equal(2, await storage.History.GetFactsVersionAsync(D20, default));
        Assert.Equal(18, Assert.Single(await storage.Latest.GetPositionsAsync(D20, default)).NetQty);
        Assert.Equal(18, Assert.Single(await storage.History.GetPositionsAsync(D20, default)).NetQty);

        // A standalone recompute at the current version still applies (ties replace) and agrees.
        Assert.Equal(18, Assert.Single(await Service(storage).RecomputePositionsAsync(D20, default)).NetQty);
        Assert.Equal(18, Assert.Single(await storage.Latest.GetPositionsAsync(D20, default)).NetQty);
    }

    [Fact]
    public async Task Every_file_that_feeds_positions_bumps_the_facts_version_of_the_dates_it_recomputes()
    {
        var (storage, service) = await NewServiceAsync();

        await IngestAsync(storage, service, SampleFeeds.Eod);
        await IngestAsync(storage, service, SampleFeeds.Sod);
        await IngestAsync(storage, service, SampleFeeds.Market);
        await IngestAsync(storage, service, SampleFeeds.Trades);
        await IngestAsync(storage, service, SampleFeeds.Orders);

        Assert.Equal(1, await storage.History.GetFactsVersionAsync(D20.AddDays(-1), default));
        Assert.Equal(3, await storage.History.GetFactsVersionAsync(D20, default));
    }

    protected async Task<(StorageSet Storage, IngestionService Service)> NewServiceAsync()
    {
        var storage = await NewSetAsync();
        return (storage, Service(storage));
    }

    protected async Task<(StorageSet Storage, IngestionService Service, FailingHistoryStore Failing)> NewFailingServiceAsync()
    {
        var real = await NewSetAsync();
        var failing = new FailingHistoryStore(real.History);
        var storage = real.WithHistory(failing);
        return (storage, Service(storage), failing);
    }

    protected IngestionService Service(StorageSet storage) =>
        new(storage, SampleFeeds.Instruments(), new AlarmThresholds(), Clock, NullLogger<IngestionService>.Instance);

    protected static async Task<IngestionResult> IngestAsync(StorageSet storage, IngestionService service, string samplePath)
    {
        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, samplePath);
        return await service.IngestAsync(bucket, key, default);
    }
}
