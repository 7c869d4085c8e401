using Frgm.Domain.Model;
using Frgm.Application.Ingestion;

namespace Frgm.Storage.Tests.Ingestion;

public sealed class RowErrorListTests
{
    [Fact]
    public void Keeps_the_first_hundred_lines_and_counts_the_rest()
    {
        var errors = new RowErrorList();
        for (var line = 2; line < 252; line++)
        {
            errors.Add(new RowError(line, $"price 'x{line}' is not a number"));
        }

        var stored = errors.ToLedgerErrors();

        Assert.Equal(250, errors.Count);
        Assert.Equal(RowErrorList.Cap + 1, stored.Count);
        Assert.Equal("line 2: price 'x2' is not a number", stored[0]);
        Assert.Equal("line 101: price 'x101' is not a number", stored[RowErrorList.Cap - 1]);
        Assert.Equal("... and 150 more", stored[^1]);
    }

    [Fact]
    public void Under_the_cap_every_line_is_kept_without_a_summary()
    {
        var errors = new RowErrorList();
        errors.Add(new RowError(7, "side 'HOLD' is not BUY/SELL"));

        Assert.Equal(["line 7: side 'HOLD' is not BUY/SELL"], errors.ToLedgerErrors());
    }
}
