using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Core;
using Frgm.Dashboard.Tests.Support;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>/api/orders pages like the blotter (limit, cursor, account/ticker filters): no response holds the whole set.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrdersPagingTests
{
    private readonly DashboardApiFactory _app;

    public OrdersPagingTests(DashboardApiFactory app) => _app = app;

    [Fact]
    public async Task Orders_come_a_page_at_a_time_and_the_cursor_walks_the_whole_set_once()
    {
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var body = await _app.GetJsonAsync("/api/orders?limit=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            var orders = body.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("order_id").GetString()!).ToList();
            Assert.InRange(orders.Count, 1, 2);
            seen.AddRange(orders);
            cursor = body.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(["tt-7f3c01", "tt-7f3c02", "tt-7f3c03"], seen);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task A_cursor_from_another_snapshot_or_made_up_is_a_400_naming_it()
    {
        foreach (var cursor in new[] { "o.1.1", "garbage" })
        {
            using var response = await _app.Api.GetAsync("/api/orders?cursor=" + cursor);
            var error = await ApiErrorTests.ErrorAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains("'cursor'", error.Message, StringComparison.Ordinal);
        }

        using var tooMany = await _app.Api.GetAsync("/api/orders?limit=5001");
        Assert.Contains("'limit'", (await ApiErrorTests.ErrorAsync(tooMany, HttpStatusCode.BadRequest)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filtered_page_counts_every_match_and_continues_after_the_last_one_shown()
    {
        var at = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
        var orders = Enumerable.Range(0, 10)
            .Select(i => new WorkingOrder($"o{i}", i % 2 == 0 ? "MM1" : "HEDGE", "ZNZ6", "BUY", 1, 1, 1, 0, "WORKING", null, null, null))
            .ToList();
        var snapshot = new OrderSnapshot(at, orders);
        var filter = new DataFilter(null, "MM1", null);

        var first = OrdersPageView.Of(snapshot, filter, 2, null);
        var second = OrdersPageView.Of(snapshot, filter, 2, first.NextCursor);
        var last = OrdersPageView.Of(snapshot, filter, 2, second.NextCursor);

        Assert.Equal(["o0", "o2"], first.Orders.Select(o => o.OrderId));
        Assert.Equal(["o4", "o6"], second.Orders.Select(o => o.OrderId));
        Assert.Equal(["o8"], last.Orders.Select(o => o.OrderId));
        Assert.Null(last.NextCursor);
        Assert.All([first, second, last], p => Assert.Equal(5, p.Matched));
        Assert.Throws<ArgumentException>(() => OrdersPageView.Of(snapshot with { SnapshotTime = at.AddSeconds(30) }, filter, 2, first.NextCursor));
    }
}
