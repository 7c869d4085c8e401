namespace Frgm.Domain.Model;

/// <summary>Which alarm types are latched events (API.md "Alarms"); every other type is a condition.</summary>
public static class AlarmKinds
{
    public static AlarmKind Of(AlarmType type) => type switch
    {
        AlarmType.FeedFailed or AlarmType.FeedRejectedRows or AlarmType.LargeTrade or AlarmType.PriceDeviation => AlarmKind.Event,
        _ => AlarmKind.Condition,
    };
}
