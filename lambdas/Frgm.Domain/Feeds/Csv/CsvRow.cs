using Frgm.Domain.Feeds.Values;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds.Csv;

/// <summary>
/// Typed access to the current record's fields by schema column. Values are trimmed. The first problem is kept
/// in <see cref="Error"/> (e.g. <c>price 'abc' is not a number</c>) and later reads return defaults, so a row
/// parser reads every column, then checks <see cref="Failed"/> once.
/// </summary>
internal sealed class CsvRow
{
    private const int MaxQuotedChars = 64;

    private readonly CsvTokenizer _tokenizer;
    private readonly CsvSchema _schema;
    private readonly int[] _map;
    private readonly StringCache _strings = new();
    private readonly TimestampMemo _timestamps = new();

    public CsvRow(CsvTokenizer tokenizer, CsvSchema schema, int[] map)
    {
        _tokenizer = tokenizer;
        _schema = schema;
        _map = map;
    }

    public string? Error { get; private set; }

    public bool Failed => Error is not null;

    public void Reset() => Error = null;

    /// <summary>Required text, allocated per row (identifiers that never repeat).</summary>
    public string Text(int column) => Required(column) ? Raw(column).ToString() : string.Empty;

    /// <summary>Required text that repeats across rows (instrument, account): one string per distinct value.</summary>
    public string Key(int column) => Required(column) ? _strings.Get(Raw(column)) : string.Empty;

    /// <summary>Optional text; empty or absent is null.</summary>
    public string? OptionalKey(int column)
    {
        var raw = Raw(column);
        return Failed || raw.IsEmpty ? null : _strings.Get(raw);
    }

    public decimal Decimal(int column) => Required(column) ? ParseDecimal(column) : 0m;

    public decimal? OptionalDecimal(int column) => Present(column) ? ParseDecimal(column) : null;

    public long Integer(int column) => Required(column) ? ParseInteger(column) : 0L;

    public long? OptionalInteger(int column) => Present(column) ? ParseInteger(column) : null;

    public DateOnly Date(int column)
    {
        if (!Required(column))
        {
            return default;
        }

        var raw = Raw(column);
        if (raw.Length == 10 && IsoTimestamp.TryParseDate(raw, out var date))
        {
            return date;
        }

        Fail(column, "is not a date (YYYY-MM-DD)");
        return default;
    }

    public DateOnly? OptionalDate(int column) => Present(column) ? Date(column) : null;

    public DateTimeOffset? OptionalTimestamp(int column)
    {
        if (!Present(column))
        {
            return null;
        }

        var raw = Raw(column);
        if (_timestamps.TryGet(raw, out var cached))
        {
            return cached;
        }

        switch (IsoTimestamp.TryParse(raw, out var value))
        {
            case IsoTimestamp.Outcome.Ok:
                _timestamps.Remember(raw, value);
                return value;
            case IsoTimestamp.Outcome.MissingOffset:
                Fail(column, "has no UTC offset (write Z or ±hh:mm)");
                return null;
            default:
                Fail(column, "is not an ISO 8601 time with offset or epoch milliseconds");
                return null;
        }
    }

    public Side Side(int column)
    {
        if (!Required(column))
        {
            return default;
        }

        var raw = Raw(column);
        if (raw.Equals("BUY", StringComparison.OrdinalIgnoreCase) || raw.Equals("B", StringComparison.OrdinalIgnoreCase))
        {
            return Model.Side.Buy;
        }

        if (raw.Equals("SELL", StringComparison.OrdinalIgnoreCase) || raw.Equals("S", StringComparison.OrdinalIgnoreCase))
        {
            return Model.Side.Sell;
        }

        Fail(column, "is not BUY, SELL, B or S");
        return default;
    }

    /// <summary>Rejects the row for a value that parsed but breaks a rule: <c>{column} '{value}' {problem}</c>.</summary>
    public void Fail(int column, string problem)
    {
        Error ??= $"{_schema.Columns[column].Name} '{Quote(Raw(column))}' {problem}";
    }

    private static string Quote(ReadOnlySpan<char> raw) =>
        raw.Length <= MaxQuotedChars ? raw.ToString() : string.Concat(raw[..MaxQuotedChars], "…");

    private ReadOnlySpan<char> Raw(int column)
    {
        var field = _map[column];
        return field < 0 ? default : _tokenizer.Field(field).Trim();
    }

    private bool Required(int column)
    {
        if (Failed)
        {
            return false;
        }

        if (Raw(column).IsEmpty)
        {
            Error = $"{_schema.Columns[column].Name} is empty";
            return false;
        }

        return true;
    }

    private bool Present(int column) => !Failed && !Raw(column).IsEmpty;

    private decimal ParseDecimal(int column)
    {
        if (DecimalText.TryParse(Raw(column), out var value))
        {
            return value;
        }

        Fail(column, "is not a number");
        return 0m;
    }

    private long ParseInteger(int column)
    {
        switch (DecimalText.TryParseInteger(Raw(column), out var value))
        {
            case DecimalText.IntegerOutcome.Ok:
                return value;
            case DecimalText.IntegerOutcome.Fraction:
                Fail(column, "is not a whole number");
                break;
            case DecimalText.IntegerOutcome.OutOfRange:
                Fail(column, "is too large for a 64-bit integer");
                break;
            default:
                Fail(column, "is not a number");
                break;
        }

        return 0L;
    }

    /// <summary>Market-data files repeat one timestamp on every row of a snapshot; parse it once.</summary>
    private sealed class TimestampMemo
    {
        private readonly char[] _text = new char[48];
        private int _length = -1;
        private DateTimeOffset _value;

        public bool TryGet(ReadOnlySpan<char> raw, out DateTimeOffset value)
        {
            value = _value;
            return _length >= 0 && raw.SequenceEqual(_text.AsSpan(0, _length));
        }

        public void Remember(ReadOnlySpan<char> raw, DateTimeOffset value)
        {
            if (raw.Length > _text.Length)
            {
                return;
            }

            raw.CopyTo(_text);
            _length = raw.Length;
            _value = value;
        }
    }
}
