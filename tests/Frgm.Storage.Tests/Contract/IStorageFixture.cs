using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>
/// What the contract suites need from an adapter family: a fresh, empty <see cref="StorageSet"/> per test.
/// Implementations share their expensive parts (servers) per test class and isolate each set (new folder,
/// new table names, flushed database), so tests never see each other's data.
/// </summary>
public interface IStorageFixture
{
    /// <summary>A new, empty adapter set. <paramref name="clock"/> drives any expiry the adapter does itself.</summary>
    Task<StorageSet> CreateFreshAsync(TimeProvider clock);
}
