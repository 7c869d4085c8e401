using System.Buffers;
using System.Text;

namespace Frgm.Domain.Feeds.Csv;

/// <summary>
/// Streaming RFC 4180 record reader over a pooled char buffer. A record's fields are spans into the buffer,
/// valid until the next <see cref="ReadRecord"/>; nothing is allocated per field. A quote opens a quoted field
/// only at the start of a field (elsewhere it is data, as most CSV writers intend), <c>""</c> inside quotes is
/// one quote, and newlines inside quotes belong to the field but still count as physical lines.
/// A record longer than <see cref="MaxRecordChars"/> is skipped with <see cref="RecordError"/> set, so one
/// hostile line costs a bounded buffer and a rejected row, never the process.
/// </summary>
internal sealed class CsvTokenizer : IDisposable
{
    public const int DefaultMaxRecordChars = 1 << 20;
    private const int InitialBufferChars = 64 * 1024;
    private const int InitialFieldSlots = 32;

    private readonly TextReader _reader;
    private readonly int _maxRecordChars;
    private char[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private int _nextLine = 1;

    private int[] _fieldStart = new int[InitialFieldSlots];
    private int[] _fieldEnd = new int[InitialFieldSlots];
    private bool[] _fieldQuoted = new bool[InitialFieldSlots];
    private int _fieldCount;

    // Scan state for the record being recognised; kept in fields so an incomplete scan can hand it to the skipper.
    private ScanState _state;
    private int _scanFieldStart;
    private bool _scanFieldQuoted;
    private int _scanNewlines;

    /// <param name="content">UTF-8 text, with or without a byte-order mark; left open.</param>
    /// <param name="maxRecordChars">Longest record kept; longer ones are skipped with <see cref="RecordError"/>.</param>
    /// <param name="initialBufferChars">Starting buffer size; tests make it tiny so records straddle refills.</param>
    public CsvTokenizer(Stream content, int maxRecordChars = DefaultMaxRecordChars, int initialBufferChars = InitialBufferChars)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordChars, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialBufferChars, 16);
        _reader = new StreamReader(
            content,
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            detectEncodingFromByteOrderMarks: true,
            bufferSize: InitialBufferChars,
            leaveOpen: true);
        _maxRecordChars = maxRecordChars;
        _buffer = ArrayPool<char>.Shared.Rent(initialBufferChars);
    }

    private enum ScanState
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    public int MaxRecordChars => _maxRecordChars;

    /// <summary>1-based physical line on which the current record starts.</summary>
    public int Line { get; private set; }

    public int FieldCount => _fieldCount;

    /// <summary>Why the current record could not be split into fields (too long, unterminated quote); null when it could.</summary>
    public string? RecordError { get; private set; }

    /// <summary>
    /// A record with no content: an empty or white-space line, or only delimiters (spreadsheets export empty
    /// rows as <c>,,,,</c>). Such a record carries no data, so it is skipped rather than reported.
    /// </summary>
    public bool IsBlank
    {
        get
        {
            if (RecordError is not null)
            {
                return false;
            }

            for (var f = 0; f < _fieldCount; f++)
            {
                if (!Field(f).IsWhiteSpace())
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The unescaped text of field <paramref name="index"/> of the current record (untrimmed).</summary>
    public ReadOnlySpan<char> Field(int index) =>
        _buffer.AsSpan(_fieldStart[index], _fieldEnd[index] - _fieldStart[index]);

    /// <summary>Advances to the next record; false at the end of the content.</summary>
    public bool ReadRecord()
    {
        RecordError = null;
        Line = _nextLine;
        while (true)
        {
            if (Scan(out var terminator))
            {
                var recordChars = terminator - _start;
                _start = terminator + 1;
                _nextLine = Line + _scanNewlines + 1;
                if (recordChars > _maxRecordChars)
                {
                    FailTooLong();
                }
                else
                {
                    Unescape();
                }

                return true;
            }

            if (_end - _start > _maxRecordChars)
            {
                SkipRestOfRecord();
                FailTooLong();
                return true;
            }

            if (_eof)
            {
                return FinishLastRecord();
            }

            Fill();
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Recognises one record in [_start, _end); true with the index of its terminating '\n' when complete.</summary>
    private bool Scan(out int terminator)
    {
        var buffer = _buffer;
        var end = _end;
        var p = _start;
        _fieldCount = 0;
        _scanNewlines = 0;
        _state = ScanState.FieldStart;
        while (p < end)
        {
            switch (_state)
            {
                case ScanState.FieldStart:
                    _scanFieldStart = p;
                    _scanFieldQuoted = buffer[p] == '"';
                    if (_scanFieldQuoted)
                    {
                        _state = ScanState.Quoted;
                        p++;
                    }
                    else
                    {
                        _state = ScanState.Unquoted;
                    }

                    break;

                case ScanState.Unquoted:
                {
                    var i = buffer.AsSpan(p, end - p).IndexOfAny(',', '\n');
                    if (i < 0)
                    {
                        p = end;
                        break;
                    }

                    p += i;
                    if (buffer[p] == '\n')
                    {
                        AddField(_scanFieldStart, WithoutTrailingCr(_scanFieldStart, p), _scanFieldQuoted);
                        terminator = p;
                        return true;
                    }

                    AddField(_scanFieldStart, p, _scanFieldQuoted);
                    p++;
                    _state = ScanState.FieldStart;
                    break;
                }

                case ScanState.Quoted:
                {
                    var i = buffer.AsSpan(p, end - p).IndexOfAny('"', '\n');
                    if (i < 0)
                    {
                        p = end;
                        break;
                    }

                    p += i;
                    if (buffer[p] == '\n')
                    {
                        _scanNewlines++;
                    }
                    else
                    {
                        _state = ScanState.QuoteInQuoted;
                    }

                    p++;
                    break;
                }

                case ScanState.QuoteInQuoted:
                    if (buffer[p] == '"')
                    {
                        _state = ScanState.Quoted;
                        p++;
                    }
                    else
                    {
                        // Closing quote; anything up to the next delimiter is kept as data.
                        _state = ScanState.Unquoted;
                    }

                    break;
            }
        }

        terminator = -1;
        return false;
    }

    /// <summary>The content ended without a final newline: whatever is left is the last record.</summary>
    private bool FinishLastRecord()
    {
        if (_start == _end)
        {
            _fieldCount = 0;
            return false;
        }

        switch (_state)
        {
            case ScanState.FieldStart:
                AddField(_end, _end, quoted: false);
                break;
            case ScanState.Quoted:
                _fieldCount = 0;
                RecordError = "unterminated quoted field: a '\"' opened on this line is never closed";
                break;
            default:
                AddField(_scanFieldStart, WithoutTrailingCr(_scanFieldStart, _end), _scanFieldQuoted);
                break;
        }

        _nextLine = Line + _scanNewlines + 1;
        _start = _end;
        if (RecordError is null)
        {
            Unescape();
        }

        return true;
    }

    /// <summary>
    /// Discards an over-long record without holding it: continues the scan state machine char by char over
    /// fresh reads until the record's terminating newline (or the end of the content).
    /// </summary>
    private void SkipRestOfRecord()
    {
        var state = _state;
        var newlines = _scanNewlines;
        _start = _end = 0;
        while (true)
        {
            var read = _reader.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                _start = _end = 0;
                _nextLine = Line + newlines + 1;
                return;
            }

            for (var p = 0; p < read; p++)
            {
                var c = _buffer[p];
                switch (state)
                {
                    case ScanState.FieldStart:
                        state = c switch
                        {
                            '"' => ScanState.Quoted,
                            ',' => ScanState.FieldStart,
                            _ => ScanState.Unquoted,
                        };
                        break;
                    case ScanState.Quoted:
                        if (c == '"')
                        {
                            state = ScanState.QuoteInQuoted;
                        }
                        else if (c == '\n')
                        {
                            newlines++;
                        }

                        continue;
                    case ScanState.QuoteInQuoted:
                        state = c switch
                        {
                            '"' => ScanState.Quoted,
                            ',' => ScanState.FieldStart,
                            _ => ScanState.Unquoted,
                        };
                        break;
                    default:
                        if (c == ',')
                        {
                            state = ScanState.FieldStart;
                        }

                        break;
                }

                if (c == '\n' && state != ScanState.Quoted)
                {
                    _start = p + 1;
                    _end = read;
                    _nextLine = Line + newlines + 1;
                    return;
                }
            }
        }
    }

    private void FailTooLong()
    {
        _fieldCount = 0;
        RecordError = $"line is longer than {_maxRecordChars} characters; row skipped";
    }

    /// <summary>Moves the unconsumed tail to the front of the buffer, grows it when full, and reads until it is full.</summary>
    private void Fill()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<char>.Shared.Rent(_buffer.Length * 2);
            Array.Copy(_buffer, bigger, _end);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        // Fill the free space completely (streams may return short reads): a partial record is rescanned once
        // per Fill, so filling to the end keeps rescans of a long record to one per buffer doubling.
        while (_end < _buffer.Length)
        {
            var read = _reader.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                return;
            }

            _end += read;
        }
    }

    private int WithoutTrailingCr(int start, int end) => end > start && _buffer[end - 1] == '\r' ? end - 1 : end;

    private void AddField(int start, int end, bool quoted)
    {
        if (_fieldCount == _fieldStart.Length)
        {
            Array.Resize(ref _fieldStart, _fieldCount * 2);
            Array.Resize(ref _fieldEnd, _fieldCount * 2);
            Array.Resize(ref _fieldQuoted, _fieldCount * 2);
        }

        _fieldStart[_fieldCount] = start;
        _fieldEnd[_fieldCount] = end;
        _fieldQuoted[_fieldCount] = quoted;
        _fieldCount++;
    }

    /// <summary>Rewrites quoted fields in place (the result is never longer than the raw text): drops the
    /// enclosing quotes and turns <c>""</c> into <c>"</c>. Runs once per complete record, never on a rescan.</summary>
    private void Unescape()
    {
        for (var f = 0; f < _fieldCount; f++)
        {
            if (!_fieldQuoted[f])
            {
                continue;
            }

            var buffer = _buffer;
            var read = _fieldStart[f] + 1;
            var end = _fieldEnd[f];
            var write = _fieldStart[f];
            var inQuotes = true;
            while (read < end)
            {
                var c = buffer[read++];
                if (inQuotes && c == '"')
                {
                    if (read < end && buffer[read] == '"')
                    {
                        buffer[write++] = '"';
                        read++;
                    }
                    else
                    {
                        inQuotes = false;
                    }

                    continue;
                }

                buffer[write++] = c;
            }

            _fieldEnd[f] = write;
        }
    }
}
