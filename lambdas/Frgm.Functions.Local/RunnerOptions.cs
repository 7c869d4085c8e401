namespace Frgm.Functions.Local;

/// <summary>Parsed command line of the local runner. Errors are <see cref="RunnerUsageException"/> with a message saying what is wrong.</summary>
public sealed record RunnerOptions(
    string Command,
    string? Function,
    string? EventFile,
    string? File,
    string? Bucket,
    IReadOnlyList<string> Keys,
    string? EmbeddedDataDir,
    bool Help)
{
    public static readonly IReadOnlyList<string> Functions = Frgm.Functions.Handlers.HandlerCatalog.All;

    public const string Usage = """
        usage:
          Frgm.Functions.Local invoke <ingest|tt-poller|alarm-sweep|slack-notifier> --event <file.json> [--embedded <dataDir>]
          Frgm.Functions.Local invoke ingest --file <local file> --bucket actant|tt|trades --key <object key> [--embedded <dataDir>]
          Frgm.Functions.Local redrive --bucket actant|tt|trades --key <object key> [--key <object key> ...] [--embedded <dataDir>]
          Frgm.Functions.Local --help

          invoke   runs one handler in-process with the event, exactly as Lambda would call it.
                   With --file, uploads the file to the object store first and invokes ingest with an
                   SQS-wrapped S3 notification for it.
          redrive  re-ingests objects already in the store (after a DLQ incident) through the ingest handler.
          --embedded <dataDir>  use embedded storage (SQLite + <dataDir>/buckets) instead of the
                   Frgm__Aws__* endpoints (DynamoDB, S3, Redis).

        Prints the handler's JSON response, then elapsed_ms=<n>. JSON logs and EMF lines go to stderr.
        """;

    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args.Any(a => a is "--help" or "-h" or "help"))
        {
            return new RunnerOptions(args.Count > 0 ? args[0] : "help", null, null, null, null, [], null, Help: true);
        }

        var command = args[0];
        if (command is not ("invoke" or "redrive"))
        {
            throw new RunnerUsageException($"unknown command '{command}'");
        }

        string? function = null, eventFile = null, file = null, bucket = null, embedded = null;
        var keys = new List<string>();
        var i = 1;
        if (command == "invoke")
        {
            function = i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal) ? args[i++] : null;
            if (function is null || !Functions.Contains(function, StringComparer.Ordinal))
            {
                throw new RunnerUsageException($"invoke needs a function: one of {string.Join(", ", Functions)}");
            }
        }

        for (; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new RunnerUsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--event": eventFile = Value(); break;
                case "--file": file = Value(); break;
                case "--bucket": bucket = Value(); break;
                case "--key": keys.Add(Value()); break;
                case "--embedded": embedded = Value(); break;
                default: throw new RunnerUsageException($"unknown option '{args[i]}'");
            }
        }

        var options = new RunnerOptions(command, function, eventFile, file, bucket, keys, embedded, Help: false);
        options.Validate();
        return options;
    }

    private void Validate()
    {
        if (Command == "redrive")
        {
            if (Bucket is null || Keys.Count == 0)
            {
                throw new RunnerUsageException("redrive needs --bucket and at least one --key");
            }

            return;
        }

        if (File is not null)
        {
            if (Function != "ingest" || Bucket is null || Keys.Count != 1 || EventFile is not null)
            {
                throw new RunnerUsageException("--file works with 'invoke ingest' and needs --bucket and one --key (and no --event)");
            }
        }
        else if (EventFile is null)
        {
            throw new RunnerUsageException("invoke needs --event <file.json> (or, for ingest, --file/--bucket/--key)");
        }
    }
}

public sealed class RunnerUsageException : Exception
{
    public RunnerUsageException(string message)
        : base(message)
    {
    }

    public RunnerUsageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public RunnerUsageException()
    {
    }
}
