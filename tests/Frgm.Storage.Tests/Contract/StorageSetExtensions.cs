using Frgm.Storage.Ports;

namespace Frgm.Storage.Tests.Contract;

internal static class StorageSetExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    public static StorageSet WithHistory(this StorageSet storage, IHistoryStore history) => storage with { History = history };
}
