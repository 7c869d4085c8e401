using System.Text;
using Frgm.Dashboard.Api;
using Frgm.Dashboard.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Tests.Unit;

/// <summary>The CSV writer's cells and lines (RFC 4180, formula guard) and the format/Accept negotiation.</summary>
public sealed class CsvExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("MM1", "MM1")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Text_cells_that_a_spreadsheet_would_run_as_a_formula_get_an_apostrophe(string text, string expected) =>
        Assert.Equal(expected, CsvExport.Cell(text, guard: true));

    [Fact]
    public void Numbers_dates_and_flags_are_written_as_the_json_spells_them_and_never_guarded()
    {
        Assert.Equal("-2578.125", CsvExport.Cell(-2578.125m, guard: true));
        Assert.Equal("-30", CsvExport.Cell(-30L, guard: true));
        Assert.Equal("0.5", CsvExport.Cell(0.5d, guard: true));
        Assert.Equal("2026-11-20", CsvExport.Cell(new DateOnly(2026, 11, 20), guard: true));
        Assert.Equal("2026-11-20T14:05:11.25Z", CsvExport.Cell(new DateTimeOffset(2026, 11, 20, 8, 5, 11, 250, TimeSpan.FromHours(-6)), guard: true));
        Assert.Equal("2026-11-20T14:20:03Z", CsvExport.Cell(new DateTimeOffset(2026, 11, 20, 14, 20, 3, TimeSpan.Zero), guard: true));
        Assert.Equal("true", CsvExport.Cell(true, guard: true));
        Assert.Equal(string.Empty, CsvExport.Cell(null, guard: true));
    }

    [Fact]
    public void A_list_of_strings_is_one_field_with_a_line_per_item()
    {
        Assert.Equal("line 2: bad\nline 3: worse", CsvExport.Cell(new[] { "line 2: bad", "line 3: worse" }, guard: true));
        Assert.Equal("'=1\nline 3", CsvExport.Cell(new[] { "=1", "line 3" }, guard: true));
    }

    [Fact]
    public void Fields_with_commas_quotes_line_breaks_or_edge_spaces_are_quoted_and_round_trip()
    {
        object?[] values = ["plain", "OZN Z6 C112.5", "a,b", "say \"hi\"", "two\nlines", " padded ", null, 1.5m, "-1"];
        var line = new StringBuilder();
        CsvExport.AppendRow(line, values, guard: true);

        Assert.Equal("plain,OZN Z6 C112.5,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",,1.5,'-1\r\n", line.ToString());
        var parsed = Assert.Single(CsvText.Parse(line.ToString()));
        Assert.Equal(["plain", "OZN Z6 C112.5", "a,b", "say \"hi\"", "two\nlines", " padded ", "", "1.5", "'-1"], parsed);
    }

    [Fact]
    public void The_header_is_the_json_names_of_the_row_record_in_order()
    {
        Assert.Equal(["at", "day_pnl"], CsvExport.Header<PnlPointDto>());
        Assert.Equal("account_id", CsvExport.Header<AccountDto>()[0]);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("csv", null, true)]
    [InlineData("CSV", null, true)]
    [InlineData("json", "text/csv", false)]
    [InlineData(null, "text/csv", true)]
    [InlineData(null, "text/csv; charset=utf-8", true)]
    [InlineData(null, "application/json, text/csv;q=0.5", false)]
    [InlineData(null, "text/csv, application/json;q=0.9", true)]
    [InlineData(null, "text/html,*/*;q=0.8", false)]
    [InlineData(null, "application/json", false)]
    public void Csv_is_chosen_by_the_format_parameter_first_then_by_accept(string? format, string? accept, bool csv)
    {
        var http = new DefaultHttpContext();
        if (format is not null)
        {
            http.Request.QueryString = new QueryString("?format=" + format);
        }

        if (accept is not null)
        {
            http.Request.Headers.Accept = accept;
        }

        Assert.Equal(csv, CsvExport.IsRequested(http.Request));
    }

    [Fact]
    public void An_unknown_format_is_a_400_naming_the_parameter()
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?format=xlsx");
        var problem = Assert.Throws<ApiProblemException>(() => CsvExport.IsRequested(http.Request));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, problem.Status);
        Assert.Contains("'format'", problem.Message, StringComparison.Ordinal);
    }
}
