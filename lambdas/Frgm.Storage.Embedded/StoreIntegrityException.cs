namespace Frgm.Storage.Embedded;

/// <summary>
/// The embedded database file exists but cannot be used (empty, not a SQLite file, or damaged). Never repaired
/// silently: recreating it would drop acknowledgements and ledger history without a word.
/// </summary>
public sealed class StoreIntegrityException : Exception
{
    public StoreIntegrityException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        DatabasePath = path;
        Problem = problem;
    }

    public StoreIntegrityException()
        : this(string.Empty, "unusable database")
    {
    }

    public StoreIntegrityException(string message)
        : this(string.Empty, message)
    {
    }

    public StoreIntegrityException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    public string DatabasePath { get; }

    public string Problem { get; }
}
