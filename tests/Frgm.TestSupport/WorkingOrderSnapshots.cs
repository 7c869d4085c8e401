using System.Globalization;
using System.Text.Json;

namespace Frgm.TestSupport;

/// <summary>Writes a TT working-order snapshot file of any size as the poller writes it, streaming (never held in memory).</summary>
public static class WorkingOrderSnapshots
{
    public static string Key(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"working-orders/{at:yyyy/MM/dd}/orders_snapshot_{at.ToUnixTimeSeconds()}.json");

    /// <summary>Writes <paramref name="count"/> orders over 100 accounts and 10 tickers; returns the file's size in bytes.</summary>
    public static long Write(string path, DateTimeOffset at, int count)
    {
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var json = new Utf8JsonWriter(file))
        {
            json.WriteStartObject();
            json.WriteString("snapshot_time", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteStartArray("orders");
            for (var i = 0; i < count; i++)
            {
                json.WriteStartObject();
                json.WriteString("order_id", string.Create(CultureInfo.InvariantCulture, $"tt-{i:x8}"));
                json.WriteString("account_id", string.Create(CultureInfo.InvariantCulture, $"ACC{i % 100:000}"));
                json.WriteString("ticker", string.Create(CultureInfo.InvariantCulture, $"ZN{(char)('A' + (i % 10))}6"));
                json.WriteString("side", i % 2 == 0 ? "BUY" : "SELL");
                json.WriteNumber("quantity", 10);
                json.WriteNumber("price", 112.40625m + (i % 32) / 64m);
                json.WriteNumber("leaves_qty", 6);
                json.WriteNumber("cum_qty", 4);
                json.WriteString("status", "WORKING");
                json.WriteString("order_type", "LIMIT");
                json.WriteString("time_in_force", "DAY");
                json.WriteString("updated_at", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                json.WriteEndObject();
                if (i % 10_000 == 0)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new FileInfo(path).Length;
    }
}
