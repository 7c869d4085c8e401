using System.Text.Json;
using Frgm.Functions.Runtime;

namespace Frgm.Functions.Tests.Runtime;

public sealed class DeadlineAndErrorTests
{
    [Theory]
    [InlineData(60_000, 500)]
    [InlineData(3_000, 300)]
    [InlineData(200, 40)]
    public void The_token_fires_a_bounded_margin_before_the_deadline_and_the_hard_stop_comes_after_it(int remainingMs, int marginMs)
    {
        var remaining = TimeSpan.FromMilliseconds(remainingMs);

        Assert.Equal(TimeSpan.FromMilliseconds(marginMs), DeadlinePolicy.Margin(remaining));
        Assert.True(DeadlinePolicy.Cancel(remaining) < DeadlinePolicy.HardStop(remaining));
        Assert.True(DeadlinePolicy.HardStop(remaining) < remaining);
    }

    [Fact]
    public void An_error_body_is_the_innermost_type_and_message_only()
    {
        var error = FunctionError.From(new AggregateException(new InvalidDataException("ingest: the event is not valid JSON")));

        using var body = JsonDocument.Parse(error.ToJson());
        Assert.Equal(["errorType", "errorMessage"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("InvalidDataException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("ingest: the event is not valid JSON", body.RootElement.GetProperty("errorMessage").GetString());
    }
}
