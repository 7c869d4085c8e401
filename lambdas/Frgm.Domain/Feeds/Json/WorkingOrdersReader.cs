using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds.Json;

/// <summary>
/// Reads a TT working-orders snapshot as a stream: a <see cref="Utf8JsonReader"/> over a window of the file that
/// slides forward, one order object deserialized at a time, so memory is bounded by the batch and the largest single
/// order, never by the file. <c>snapshot_time</c> may come before or after <c>orders</c>; it is known once
/// <see cref="Complete"/> is true. Any problem throws <see cref="FeedFormatException"/> naming the line, byte and
/// path: the snapshot replaces a set whole, so the caller discards everything read so far.
/// </summary>
public sealed class WorkingOrdersReader : IDisposable
{
    /// <summary>A single order (or unknown top-level value) larger than this is refused rather than buffered.</summary>
    public const int MaxTokenBytes = 1024 * 1024;

    private const int InitialWindow = 64 * 1024;

    private readonly Stream _content;
    private byte[] _window = ArrayPool<byte>.Shared.Rent(InitialWindow);
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
    private Stage _stage = Stage.Document;
    private bool _sawOrders;
    private long _line; // 0-based line and column of _start, for messages
    private long _column;

    public WorkingOrdersReader(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
    }

    private enum Stage
    {
        Document,
        Properties,
        Orders,
        Done,
    }

    public DateTimeOffset? SnapshotTime { get; private set; }

    /// <summary>Orders read so far (the index of the next one).</summary>
    public int OrdersRead { get; private set; }

    /// <summary>The whole document has been read and is a valid snapshot.</summary>
    public bool Complete => _stage == Stage.Done;

    /// <summary>Reads the whole snapshot into memory: for small snapshots (the poller, tests).</summary>
    public static OrderSnapshot ReadAll(Stream content)
    {
        using var reader = new WorkingOrdersReader(content);
        var orders = new List<WorkingOrder>();
        while (reader.ReadBatch(orders, int.MaxValue))
        {
        }

        return new OrderSnapshot(reader.SnapshotTime!.Value, orders);
    }

    /// <summary>
    /// Appends up to <paramref name="max"/> orders to <paramref name="batch"/>. Returns false once the document is
    /// complete (then <see cref="SnapshotTime"/> is set); the last batch may still have orders in it.
    /// </summary>
    public bool ReadBatch(List<WorkingOrder> batch, int max)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var target = batch.Count + (long)max;
        while (_stage != Stage.Done && batch.Count < target)
        {
            if (!Step(batch))
            {
                Refill();
            }
        }

        if (_stage == Stage.Done)
        {
            if (SnapshotTime is null)
            {
                throw new FeedFormatException("working-orders snapshot has no snapshot_time");
            }

            if (!_sawOrders)
            {
                throw new FeedFormatException("working-orders snapshot has no orders array");
            }
        }

        return _stage != Stage.Done;
    }

    public void Dispose()
    {
        if (_window.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_window);
            _window = [];
        }
    }

    /// <summary>One complete unit (a token, a property with its value, or an order): true if done, false if more bytes are needed.</summary>
    private bool Step(List<WorkingOrder> batch)
    {
        var reader = new Utf8JsonReader(_window.AsSpan(_start, _end - _start), _eof, _state);
        try
        {
            var done = _stage switch
            {
                Stage.Document => StartDocument(ref reader),
                Stage.Properties => Property(ref reader),
                _ => Order(ref reader, batch),
            };
            if (done)
            {
                Advance((int)reader.BytesConsumed);
                _state = reader.CurrentState;
            }

            return done;
        }
        catch (JsonException ex)
        {
            throw Invalid(ex, null);
        }
    }

    private bool StartDocument(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return NeedMore("an object with snapshot_time and orders");
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            throw new FeedFormatException("working-orders snapshot is empty: expected an object with snapshot_time and orders");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FeedFormatException($"working-orders snapshot is not valid JSON at {Where(reader)}: expected an object, found {reader.TokenType}");
        }

        _stage = Stage.Properties;
        return true;
    }

    private bool Property(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return NeedMore("a property");
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            _stage = Stage.Done;
            return true;
        }

        if (reader.ValueTextEquals("snapshot_time"u8))
        {
            if (!reader.Read())
            {
                return NeedMore("snapshot_time");
            }

            SnapshotTime = reader.TokenType == JsonTokenType.Null ? null : ReadTime(ref reader);
            return true;
        }

        if (reader.ValueTextEquals("orders"u8))
        {
            if (!reader.Read())
            {
                return NeedMore("orders");
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new FeedFormatException($"working-orders snapshot is not valid JSON at {Where(reader)} (path $.orders): expected an array, found {reader.TokenType}");
            }

            _sawOrders = true;
            _stage = Stage.Orders;
            return true;
        }

        // An unknown top-level field is skipped whole (it must fit the window like an order).
        return reader.TrySkip() || NeedMore("a property value");
    }

    private bool Order(ref Utf8JsonReader reader, List<WorkingOrder> batch)
    {
        if (!reader.Read())
        {
            return NeedMore("an order");
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.EndArray:
                _stage = Stage.Properties;
                return true;
            case JsonTokenType.Null:
                throw new FeedFormatException($"working-orders snapshot: orders[{OrdersRead}] is null");
            case JsonTokenType.StartObject:
                break;
            default:
                throw new FeedFormatException($"working-orders snapshot is not valid JSON at {Where(reader)} (path $.orders[{OrdersRead}]): expected an object, found {reader.TokenType}");
        }

        var start = reader;
        var probe = reader;
        if (!probe.TrySkip())
        {
            return _eof ? throw Truncated($"orders[{OrdersRead}]", Where(reader)) : false;
        }

        WorkingOrderDocument? order;
        try
        {
            order = JsonSerializer.Deserialize(ref reader, WorkingOrdersJsonContext.Default.WorkingOrderDocument);
        }
        catch (JsonException ex)
        {
            // The serializer counts lines from the order's first byte, not the file's.
            var (line, column) = Position(start);
            throw Invalid(ex, $"$.orders[{OrdersRead}]", line, column);
        }

        if (order is null || string.IsNullOrWhiteSpace(order.OrderId))
        {
            throw new FeedFormatException($"working-orders snapshot: orders[{OrdersRead}].order_id is missing");
        }

        batch.Add(new WorkingOrder(
            order.OrderId,
            order.AccountId,
            order.Ticker,
            order.Side,
            order.Quantity,
            order.Price,
            order.LeavesQty,
            order.CumQty,
            order.Status,
            order.OrderType,
            order.TimeInForce,
            order.UpdatedAt?.ToUniversalTime()));
        OrdersRead++;
        return true;
    }

    private DateTimeOffset ReadTime(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at))
        {
            return at.ToUniversalTime();
        }

        throw new FeedFormatException($"working-orders snapshot is not valid JSON at {Where(reader)} (path $.snapshot_time): not an ISO-8601 time");
    }

    /// <summary>Incomplete input: at the end of the file it is truncated, otherwise the caller reads more.</summary>
    private bool NeedMore(string what)
    {
        return _eof ? throw Truncated(what, string.Create(CultureInfo.InvariantCulture, $"line {_line + 1}, byte {_column + 1}")) : false;
    }

    private static FeedFormatException Truncated(string what, string where) =>
        new($"working-orders snapshot is not valid JSON at {where}: the file ends before {what} is complete");

    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_window, _start, _window, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _window.Length)
        {
            if (_window.Length >= MaxTokenBytes)
            {
                throw new FeedFormatException(
                    $"working-orders snapshot: orders[{OrdersRead}] (line {_line + 1}) is larger than {MaxTokenBytes} bytes; refused");
            }

            var bigger = ArrayPool<byte>.Shared.Rent(_window.Length * 2);
            Buffer.BlockCopy(_window, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_window);
            _window = bigger;
        }

        var read = _content.Read(_window, _end, _window.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private void Advance(int consumed)
    {
        var span = _window.AsSpan(_start, consumed);
        var newlines = span.Count((byte)'\n');
        if (newlines > 0)
        {
            _line += newlines;
            _column = consumed - 1 - span.LastIndexOf((byte)'\n');
        }
        else
        {
            _column += consumed;
        }

        _start += consumed;
    }

    private string Where(Utf8JsonReader reader)
    {
        var (line, column) = Position(reader);
        return string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, byte {column + 1}");
    }

    /// <summary>0-based line and column of the reader's current token in the file.</summary>
    private (long Line, long Column) Position(Utf8JsonReader reader)
    {
        var before = _window.AsSpan(_start, (int)reader.TokenStartIndex);
        var newlines = before.Count((byte)'\n');
        return (_line + newlines, newlines > 0 ? before.Length - 1 - before.LastIndexOf((byte)'\n') : _column + before.Length);
    }

    /// <param name="line">Where the exception's 0-based line and byte count from: the reader state carries them across
    /// windows (so 0 for the reader's own exceptions), the serializer starts again at the value it reads.</param>
    private static FeedFormatException Invalid(JsonException ex, string? pathPrefix, long line = 0, long column = 0)
    {
        var where = ex.LineNumber is { } relative
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line + relative + 1}, byte {(relative == 0 ? column : 0) + (ex.BytePositionInLine ?? 0) + 1}")
            : string.Empty;
        var path = ex.Path is { Length: > 0 } p ? (pathPrefix is null ? p : pathPrefix + p[1..]) : pathPrefix;
        var pathText = string.IsNullOrEmpty(path) ? string.Empty : $" (path {path})";
        return new FeedFormatException($"working-orders snapshot is not valid JSON{where}{pathText}: {FirstSentence(ex.Message)}", ex);
    }

    private static string FirstSentence(string message)
    {
        // The serializer appends " Path: $.x | LineNumber: 0 | BytePositionInLine: 5." which we already rephrased.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return cut > 0 ? message[..cut] : message;
    }
}
