using System.Text;

namespace Frgm.Storage.Embedded;

/// <summary>
/// What an existing database file must look like before it is opened: SQLite would happily turn a zero-byte file
/// into a new, empty database, and reports a foreign file only as "file is not a database" without its name.
/// A missing file is fine (a first start creates it).
/// </summary>
internal static class SqliteFileCheck
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("SQLite format 3\0");

    public static void Check(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return;
        }

        if (file.Length == 0)
        {
            throw new StoreIntegrityException(path, "the database file is empty (0 bytes); it is not recreated, because that would lose acknowledgements and ledger history");
        }

        var start = new byte[Header.Length];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }

        if (read < Header.Length || !start.AsSpan().SequenceEqual(Header))
        {
            throw new StoreIntegrityException(path, $"the file is not a SQLite database (its first {read} bytes are not the SQLite header)");
        }
    }
}
