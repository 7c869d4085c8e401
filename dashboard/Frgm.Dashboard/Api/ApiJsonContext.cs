using System.Text.Json.Serialization;

namespace Frgm.Dashboard.Api;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(PositionsResponse))]
[JsonSerializable(typeof(AccountsResponse))]
[JsonSerializable(typeof(BlotterResponse))]
[JsonSerializable(typeof(MarketResponse))]
[JsonSerializable(typeof(OrdersResponse))]
[JsonSerializable(typeof(AlarmsResponse))]
[JsonSerializable(typeof(AlarmDto))]
[JsonSerializable(typeof(AckRequest))]
[JsonSerializable(typeof(AlarmHistoryResponse))]
[JsonSerializable(typeof(FilesResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(ChangeEventDto))]
[JsonSerializable(typeof(BarsResponse))]
[JsonSerializable(typeof(PnlHistoryResponse))]
[JsonSerializable(typeof(RiskResponse))]
[JsonSerializable(typeof(ScenariosResponse))]
[JsonSerializable(typeof(RiskCsvRow))]
[JsonSerializable(typeof(ScenarioCsvRow))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
