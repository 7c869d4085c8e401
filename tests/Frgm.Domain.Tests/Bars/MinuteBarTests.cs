using Frgm.Domain.Bars;
using Frgm.Domain.Model;

namespace Frgm.Domain.Tests.Bars;

public sealed class MinuteBarTests
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Equal_time_open_takes_the_smaller_price_and_equal_time_close_the_larger()
    {
        var bar = Fold(
            Tick(100m, 500, 5_000),
            Tick(99m, 500, 5_000),
            Tick(101.5m, 200, 55_250),
            Tick(101.75m, 150, 55_250));

        Assert.Equal((99m, 101.75m), (bar.Open, bar.Close));
        Assert.Equal((Minute.AddSeconds(5), Minute.AddMilliseconds(55_250)), (bar.OpenTime, bar.CloseTime));
    }

    [Fact]
    public void Volume_is_the_closing_ticks_even_when_it_falls()
    {
        var bar = Fold(Tick(100m, 900, 1_000), Tick(101m, 950, 2_000), Tick(100.5m, 400, 3_000));

        Assert.Equal(400, bar.Volume);
    }

    [Fact]
    public void Volume_is_empty_when_the_closing_tick_has_none()
    {
        Assert.Null(Fold(Tick(100m, 900, 1_000), Tick(101m, null, 2_000)).Volume);
    }

    [Fact]
    public void Equal_time_and_price_at_the_close_take_the_larger_volume()
    {
        Assert.Equal(300, Fold(Tick(100m, 300, 2_000), Tick(100m, null, 2_000), Tick(100m, 250, 2_000)).Volume);
    }

    [Fact]
    public void Ticks_count_distinct_times_so_a_replay_or_a_second_row_at_one_instant_adds_nothing()
    {
        var bar = MinuteBar.Of(Tick(100m, 1, 1_000));
        Assert.True(bar.Add(Tick(101m, 2, 2_000)));
        Assert.False(bar.Add(Tick(101m, 2, 2_000)));
        Assert.False(bar.Add(Tick(100.5m, 2, 2_000)));

        Assert.Equal(2, bar.ToBar().Ticks);
    }

    [Fact]
    public void Fold_keeps_one_bar_per_instrument_and_minute()
    {
        var bars = MinuteBar.Fold(
        [
            Tick(100m, 1, 1_000),
            Tick(101m, 2, 61_000),
            Tick(102m, 3, 2_000) with { Instrument = "ZBZ6" },
            Tick(103m, 4, 59_999),
        ]);

        Assert.Equal(
            [("ZNZ6", Minute, 2), ("ZNZ6", Minute.AddMinutes(1), 1), ("ZBZ6", Minute, 1)],
            bars.Select(b => (b.Instrument, b.MinuteStart, b.ToBar().Ticks)));
    }

    [Fact]
    public void A_stored_bar_round_trips_and_a_bar_stored_without_tick_times_counts_its_open_and_close()
    {
        var bar = Fold(Tick(100m, 1, 1_000), Tick(102m, 2, 2_000), Tick(101m, 3, 3_000));

        Assert.Equal(bar, MinuteBar.FromStored(bar, [1_000, 2_000, 3_000]).ToBar());
        Assert.Equal(bar with { Ticks = 2 }, MinuteBar.FromStored(bar, []).ToBar());
    }

    [Fact]
    public void Tick_times_are_kept_as_ascending_comma_separated_milliseconds_and_read_back()
    {
        var bar = MinuteBar.Fold([Tick(101m, 3, 3_250), Tick(100m, 1, 1_000), Tick(102m, 2, 59_999), Tick(99m, 4, 1_000)]).Single();

        Assert.Equal("1000,3250,59999", bar.TickOffsetsText);
        Assert.Equal([1_000, 3_250, 59_999], MinuteBar.ParseTickOffsets(bar.TickOffsetsText));
        Assert.Equal(bar.ToBar(), MinuteBar.FromStored(bar.ToBar(), MinuteBar.ParseTickOffsets(bar.TickOffsetsText)).ToBar());
        Assert.Empty(MinuteBar.ParseTickOffsets(null));
        Assert.Empty(MinuteBar.ParseTickOffsets(""));
    }

    [Fact]
    public void Merging_a_bar_of_another_minute_is_refused_with_both_named()
    {
        var bar = MinuteBar.Of(Tick(100m, 1, 1_000));

        var error = Assert.Throws<ArgumentException>(() => bar.MergeFrom(MinuteBar.Of(Tick(100m, 1, 61_000))));
        Assert.Contains("14:31", error.Message, StringComparison.Ordinal);
        Assert.Contains("14:30", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Property: for random ticks crowded onto few times, prices and volumes (so ties are common), every
    /// permutation, every split into files merged in any order, and re-delivered files give the same bar, and
    /// that bar is the one the rule defines, computed here independently by sorting.
    /// </summary>
    [Fact]
    public void Any_permutation_split_or_redelivery_of_the_ticks_gives_the_bar_the_rule_defines()
    {
        var random = new Random(20261201);
        for (var trial = 0; trial < 500; trial++)
        {
            var ticks = Enumerable.Range(0, random.Next(1, 25))
                .Select(_ => Tick(
                    100m + (random.Next(0, 6) * 0.25m),
                    random.Next(0, 5) == 0 ? null : random.Next(0, 4) * 100,
                    random.Next(0, 8) * 7_500))
                .ToArray();
            var expected = ByRule(ticks);

            Assert.Equal(expected, Fold(ticks));
            Assert.Equal(expected, Fold([.. ticks.Reverse()]));
            Assert.Equal(expected, Fold(Shuffled(ticks, random)));

            var files = ticks.Chunk(random.Next(1, 5)).ToList();
            files.AddRange(files.Take(random.Next(0, files.Count + 1)).ToList());
            var merged = MinuteBar.Fold(Shuffled([.. files], random)[0]).Single();
            foreach (var file in Shuffled([.. files], random))
            {
                merged.MergeFrom(MinuteBar.Fold(file).Single());
            }

            Assert.Equal(expected, merged.ToBar());
        }
    }

    private static MarketBar ByRule(MarketPrice[] ticks)
    {
        var ordered = ticks
            .OrderBy(t => t.Timestamp)
            .ThenBy(t => t.Price)
            .ThenBy(t => t.Volume ?? long.MinValue)
            .ToArray();
        var (first, last) = (ordered[0], ordered[^1]);
        return new MarketBar(
            "ZNZ6",
            Minute,
            first.Price,
            first.Timestamp,
            ticks.Max(t => t.Price),
            ticks.Min(t => t.Price),
            last.Price,
            last.Timestamp,
            last.Volume,
            ticks.Select(t => t.Timestamp).Distinct().Count());
    }

    private static T[] Shuffled<T>(T[] items, Random random)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    private static MarketBar Fold(params MarketPrice[] ticks) => MinuteBar.Fold(ticks).Single().ToBar();

    private static MarketPrice Tick(decimal price, long? volume, int ms) =>
        new("ZNZ6", price, null, null, volume, Minute.AddMilliseconds(ms));
}
