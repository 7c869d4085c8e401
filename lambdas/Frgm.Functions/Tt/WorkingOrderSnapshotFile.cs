using System.Globalization;
using System.Text.Json;
using Frgm.Domain.Model;

namespace Frgm.Functions.Tt;

/// <summary>The working-orders file of FORMATS.md: its object key and its JSON.</summary>
public static class WorkingOrderSnapshotFile
{
    /// <summary><c>working-orders/YYYY/MM/DD/orders_snapshot_&lt;epochSeconds&gt;.json</c> (UTC date).</summary>
    public static string Key(DateTimeOffset snapshotTime)
    {
        var utc = snapshotTime.ToUniversalTime();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"working-orders/{utc:yyyy}/{utc:MM}/{utc:dd}/orders_snapshot_{utc.ToUnixTimeSeconds()}.json");
    }

    public static byte[] Serialize(OrderSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("snapshot_time", Iso(snapshot.SnapshotTime));
            json.WriteStartArray("orders");
            foreach (var o in snapshot.Orders)
            {
                json.WriteStartObject();
                json.WriteString("order_id", o.OrderId);
                WriteText(json, "account_id", o.AccountId);
                WriteText(json, "ticker", o.Ticker);
                WriteText(json, "side", o.Side);
                WriteNumber(json, "quantity", o.Quantity);
                WriteNumber(json, "price", o.Price);
                WriteNumber(json, "leaves_qty", o.LeavesQty);
                WriteNumber(json, "cum_qty", o.CumQty);
                WriteText(json, "status", o.Status);
                WriteText(json, "order_type", o.OrderType);
                WriteText(json, "time_in_force", o.TimeInForce);
                WriteText(json, "updated_at", o.UpdatedAt is { } at ? Iso(at) : null);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
