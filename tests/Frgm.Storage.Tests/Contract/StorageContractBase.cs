using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>Shared plumbing for the contract suites: a fresh set per test over the fixture, on a manual clock.</summary>
public abstract class StorageContractBase(IStorageFixture fixture)
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    protected FakeTimeProvider Clock { get; } = new(T0);

    protected IStorageFixture Fixture { get; } = fixture;

    protected Task<StorageSet> NewSetAsync() => Fixture.CreateFreshAsync(Clock);

    protected static DateTimeOffset At(int hour, int minute, int second, int ms = 0) =>
        new DateTimeOffset(2026, 11, 20, hour, minute, second, TimeSpan.Zero).AddMilliseconds(ms);
}
