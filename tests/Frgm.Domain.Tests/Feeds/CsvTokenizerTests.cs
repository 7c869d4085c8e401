using System.Text;
using Frgm.Domain.Feeds.Csv;

namespace Frgm.Domain.Tests.Feeds;

/// <summary>
/// The tokenizer against a plain char-by-char reading of the same rules, on random content full of quotes,
/// commas, CR and LF, delivered in random small reads into a tiny starting buffer, so records straddle refills and
/// the buffer grows.
/// </summary>
public class CsvTokenizerTests
{
    private static readonly char[] Alphabet = ['a', 'b', ',', ',', '"', '"', '\n', '\r', ' ', 'é'];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_content_splits_like_the_reference_reading(int seed)
    {
        var random = new Random(seed);
        var text = new string(Enumerable.Range(0, 20_000).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        var expected = ReferenceRecords(text);

        var actual = new List<(int Line, string? Error, string[] Fields)>();
        using var tokenizer = new CsvTokenizer(
            new TrickleStream(Encoding.UTF8.GetBytes(text), seed, maxChunk: 40),
            maxRecordChars: 1 << 20,
            initialBufferChars: 16 * seed);
        while (tokenizer.ReadRecord())
        {
            actual.Add((tokenizer.Line, tokenizer.RecordError,
                Enumerable.Range(0, tokenizer.FieldCount).Select(i => tokenizer.Field(i).ToString()).ToArray()));
        }

        Assert.True(expected.Count > 100, "the generator should produce many records");
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Line == actual[i].Line && (expected[i].Error is null) == (actual[i].Error is null),
                $"record {i}: expected line {expected[i].Line} error {expected[i].Error}, got line {actual[i].Line} error {actual[i].Error}; text near: {Escape(text, expected[i].Line)}");
            Assert.Equal(expected[i].Line, actual[i].Line);
            Assert.Equal(expected[i].Error is null, actual[i].Error is null);
            Assert.Equal(expected[i].Fields, actual[i].Fields);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Over_long_records_are_skipped_at_a_small_cap_and_the_rest_is_read(bool trickle)
    {
        var text = "a,b\n" + new string('x', 100) + "\n\"" + new string('y', 50) + "\n" + new string('y', 50) + "\",z\nc,d\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        using var tokenizer = new CsvTokenizer(
            trickle ? new TrickleStream(bytes, seed: 7, maxChunk: 7) : new MemoryStream(bytes),
            maxRecordChars: 32,
            initialBufferChars: trickle ? 16 : 4096);
        var records = new List<(int Line, string? Error, int Fields)>();
        while (tokenizer.ReadRecord())
        {
            records.Add((tokenizer.Line, tokenizer.RecordError, tokenizer.FieldCount));
        }

        Assert.Equal(4, records.Count);
        Assert.Equal((1, null, 2), records[0]);
        Assert.Equal(2, records[1].Line);
        Assert.NotNull(records[1].Error);
        Assert.Equal(3, records[2].Line);
        Assert.NotNull(records[2].Error);
        Assert.Equal((5, null, 2), records[3]);
    }

    private static string Escape(string text, int line)
    {
        var lines = text.Split('\n');
        return string.Join("\\n", lines.Skip(Math.Max(0, line - 2)).Take(4)).Replace("\r", "\\r", StringComparison.Ordinal);
    }

    /// <summary>The same rules, read one char at a time from a whole string.</summary>
    private static List<(int Line, string? Error, string[] Fields)> ReferenceRecords(string text)
    {
        var records = new List<(int, string?, string[])>();
        var i = 0;
        var line = 1;
        while (i < text.Length)
        {
            var startLine = line;
            var fields = new List<string>();
            var current = new StringBuilder();
            var state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 quote seen inside quotes
            string? error = null;
            while (true)
            {
                if (i == text.Length)
                {
                    if (state == 2)
                    {
                        error = "unterminated";
                        fields.Clear();
                    }
                    else
                    {
                        fields.Add(StripCr(current, text, i, state));
                    }

                    line++;
                    break;
                }

                var c = text[i++];
                if (c == '\n' && state != 2)
                {
                    fields.Add(StripCr(current, text, i - 1, state));
                    line++;
                    break;
                }

                switch (state)
                {
                    case 0 when c == '"':
                        state = 2;
                        break;
                    case 0 or 1 when c == ',':
                        fields.Add(current.ToString());
                        current.Clear();
                        state = 0;
                        break;
                    case 0 or 1:
                        current.Append(c);
                        state = 1;
                        break;
                    case 2 when c == '"':
                        state = 3;
                        break;
                    case 2:
                        if (c == '\n')
                        {
                            line++;
                        }

                        current.Append(c);
                        break;
                    case 3 when c == '"':
                        current.Append('"');
                        state = 2;
                        break;
                    case 3 when c == ',':
                        fields.Add(current.ToString());
                        current.Clear();
                        state = 0;
                        break;
                    default:
                        current.Append(c);
                        state = 1;
                        break;
                }
            }

            records.Add((startLine, error, fields.ToArray()));
        }

        return records;
    }

    /// <summary>A CR just before the record's end (outside quotes) belongs to the line ending.</summary>
    private static string StripCr(StringBuilder current, string text, int end, int state)
    {
        if (state != 3 && end > 0 && text[end - 1] == '\r' && current.Length > 0)
        {
            current.Length--;
        }

        return current.ToString();
    }
}
