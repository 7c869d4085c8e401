namespace Frgm.Domain.Model;

/// <summary>
/// A 1-minute bar as stored and served. Open/close carry the timestamp that decided them so merges stay
/// order-independent; <see cref="Frgm.Domain.Bars.MinuteBar"/> is the one fold that produces it.
/// </summary>
public sealed record MarketBar(
    string Instrument,
    DateTimeOffset MinuteStart,
    decimal Open,
    DateTimeOffset OpenTime,
    decimal High,
    decimal Low,
    decimal Close,
    DateTimeOffset CloseTime,
    long? Volume,
    int Ticks);
