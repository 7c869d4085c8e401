using Frgm.Functions.Tests.Fakes;

namespace Frgm.Functions.Tests.Hosting;

public sealed class EmfWriterTests
{
    [Fact]
    public void Each_metric_line_is_valid_EMF_with_its_fixed_dimension_set()
    {
        var clock = new InstantClock(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero));
        var output = new CapturedOutput("staging", clock);

        output.Metrics.FileProcessed("market-data", "COMPLETED");
        output.Metrics.RowsIngested("trades", 42);
        output.Metrics.IngestLatency("trades", TimeSpan.FromMilliseconds(1234));
        output.Metrics.TtPoll("failure");
        output.Metrics.FeedAge("tt-poll", TimeSpan.FromSeconds(95));

        var line = output.Lines[0];
        var aws = line.GetProperty("_aws");
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var definition = aws.GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("FRGM", definition.GetProperty("Namespace").GetString());
        Assert.Equal(["Environment", "Feed", "Status"], definition.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("FilesProcessed", definition.GetProperty("Metrics")[0].GetProperty("Name").GetString());
        Assert.Equal("Count", definition.GetProperty("Metrics")[0].GetProperty("Unit").GetString());
        Assert.Equal(1, line.GetProperty("FilesProcessed").GetDouble());
        Assert.Equal("staging", line.GetProperty("Environment").GetString());

        Assert.Equal(42, Assert.Single(output.Metric("RowsIngested")).Value);
        Assert.Equal(["Environment", "Feed"], Assert.Single(output.Metric("RowsIngested")).Dimensions.Keys);
        Assert.Equal(1234, Assert.Single(output.Metric("IngestLatencyMs")).Value);
        Assert.Equal("failure", Assert.Single(output.Metric("TtPolls")).Dimensions["Outcome"]);
        Assert.Equal(95, Assert.Single(output.Metric("FeedAgeSeconds")).Value);
    }

    [Fact]
    public void Log_lines_are_json_with_structured_fields()
    {
        var output = new CapturedOutput();
        var logger = output.Loggers.CreateLogger("cat");

        logger.LogWarning("file {Key} had {Rows} rows", "a/b.csv", 7);

        var line = Assert.Single(output.Lines);
        Assert.Equal("Warning", line.GetProperty("level").GetString());
        Assert.Equal("cat", line.GetProperty("category").GetString());
        Assert.Equal("file a/b.csv had 7 rows", line.GetProperty("message").GetString());
        Assert.Equal("a/b.csv", line.GetProperty("Key").GetString());
        Assert.Equal(7, line.GetProperty("Rows").GetInt32());
    }
}
