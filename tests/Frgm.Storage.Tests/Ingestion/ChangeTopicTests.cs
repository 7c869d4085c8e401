using System.Text.Json;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Ingestion;

public sealed class ChangeTopicTests
{
    [Fact]
    public void Topics_travel_as_the_wire_names_of_API_md_and_read_back()
    {
        Assert.Equal(["positions", "market", "orders", "alarms", "files"], ChangeTopics.All.Select(t => t.WireName()));
        foreach (var topic in ChangeTopics.All)
        {
            var json = JsonSerializer.Serialize(topic, ChangeTopicJson.Default.ChangeTopic);
            Assert.Equal($"\"{topic.WireName()}\"", json);
            Assert.Equal(topic, JsonSerializer.Deserialize(json, ChangeTopicJson.Default.ChangeTopic));
        }
    }

    [Fact]
    public void An_unknown_or_differently_spelled_topic_is_refused_with_the_known_ones_named()
    {
        Assert.False(ChangeTopics.TryParse("Positions", out _));
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"trades\"", ChangeTopicJson.Default.ChangeTopic));
        Assert.Contains("'trades' is not a change topic (positions, market, orders, alarms, files)", error.Message, StringComparison.Ordinal);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(ChangeTopic))]
internal sealed partial class ChangeTopicJson : System.Text.Json.Serialization.JsonSerializerContext;
