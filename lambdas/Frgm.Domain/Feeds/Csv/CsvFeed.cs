namespace Frgm.Domain.Feeds.Csv;

/// <summary>
/// Drives one CSV feed: finds the header (first non-blank line), resolves the schema against it, then yields a
/// <see cref="ParsedRow{T}"/> per non-blank record. Record-level problems (wrong field count, over-long line,
/// unterminated quote) and value problems become row errors; only a header problem rejects the whole file.
/// </summary>
internal static class CsvFeed
{
    public static IEnumerable<ParsedRow<T>> Read<T>(Stream content, CsvSchema schema, Func<CsvRow, T?> parseRow)
        where T : class
    {
        using var tokenizer = new CsvTokenizer(content);
        do
        {
            if (!tokenizer.ReadRecord())
            {
                throw schema.NoHeader();
            }
        }
        while (tokenizer.IsBlank);

        var map = schema.Resolve(tokenizer);
        var headerFields = tokenizer.FieldCount;
        var row = new CsvRow(tokenizer, schema, map);
        while (tokenizer.ReadRecord())
        {
            if (tokenizer.IsBlank)
            {
                continue;
            }

            if (tokenizer.RecordError is { } recordError)
            {
                yield return new ParsedRow<T>(tokenizer.Line, null, recordError);
                continue;
            }

            if (tokenizer.FieldCount != headerFields)
            {
                yield return new ParsedRow<T>(
                    tokenizer.Line,
                    null,
                    $"row has {tokenizer.FieldCount} fields but the header has {headerFields}");
                continue;
            }

            if (TextEncodings.HasReplacementChar(tokenizer))
            {
                yield return new ParsedRow<T>(tokenizer.Line, null, TextEncodings.InvalidUtf8Row);
                continue;
            }

            row.Reset();
            var value = parseRow(row);
            yield return row.Error is null && value is not null
                ? new ParsedRow<T>(tokenizer.Line, value, null)
                : new ParsedRow<T>(tokenizer.Line, null, row.Error ?? "row could not be read");
        }
    }
}
