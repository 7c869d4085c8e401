namespace Frgm.Domain.Feeds.Csv;

/// <summary>One column a feed knows: its header name and whether a file must have it.</summary>
internal readonly record struct CsvColumn(string Name, bool Required);

/// <summary>
/// The columns of one feed. <see cref="Resolve"/> maps them onto a file's header: names match case-insensitively
/// after trimming, order is free, unknown columns are ignored, and a missing required column rejects the file.
/// </summary>
internal sealed class CsvSchema(string feedName, IReadOnlyList<CsvColumn> columns)
{
    public string FeedName { get; } = feedName;

    public IReadOnlyList<CsvColumn> Columns { get; } = columns;

    /// <summary>For each schema column, the field index in the file (-1 when an optional column is absent).</summary>
    public int[] Resolve(CsvTokenizer header)
    {
        if (header.RecordError is not null)
        {
            throw new FeedFormatException($"{FeedName} file header (line {header.Line}): {header.RecordError}");
        }

        if (TextEncodings.DescribeHeaderProblem(header) is { } encoding)
        {
            throw new FeedFormatException(
                $"{FeedName} file header (line {header.Line}): {encoding} (required column(s): {string.Join(", ", Columns.Where(c => c.Required).Select(c => c.Name))})");
        }

        var map = new int[Columns.Count];
        Array.Fill(map, -1);
        for (var field = 0; field < header.FieldCount; field++)
        {
            var name = header.Field(field).Trim().Trim('\uFEFF').Trim();
            for (var c = 0; c < Columns.Count; c++)
            {
                if (!name.Equals(Columns[c].Name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (map[c] >= 0)
                {
                    throw new FeedFormatException(
                        $"{FeedName} file header (line {header.Line}) names column '{Columns[c].Name}' twice (fields {map[c] + 1} and {field + 1})");
                }

                map[c] = field;
            }
        }

        var missing = Columns.Where((column, c) => column.Required && map[c] < 0).Select(column => column.Name).ToList();
        if (missing.Count > 0)
        {
            throw new FeedFormatException(
                $"{FeedName} file header (line {header.Line}) is missing required column(s): {string.Join(", ", missing)}");
        }

        return map;
    }

    /// <summary>The rejection for content with no header line at all.</summary>
    public FeedFormatException NoHeader() => new(
        $"{FeedName} file is empty: no header line (required column(s): {string.Join(", ", Columns.Where(c => c.Required).Select(c => c.Name))})");
}
