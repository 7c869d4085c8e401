using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds;

/// <summary>One parsed data row: either a value or the reason it was rejected, with its 1-based line number.</summary>
public readonly record struct ParsedRow<T>(int Line, T? Value, string? Error)
    where T : class
{
    public bool IsValid => Error is null;

    public RowError ToRowError() => new(Line, Error ?? string.Empty);
}

/// <summary>The whole file is unusable (missing required column, malformed JSON); the message says why.</summary>
public sealed class FeedFormatException : Exception
{
    public FeedFormatException(string message)
        : base(message)
    {
    }

    public FeedFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public FeedFormatException()
    {
    }
}

/// <summary>Where an object key leads: a feed and business date, or IGNORED with a reason.</summary>
public sealed record ObjectRoute(
    BucketRole Bucket,
    string Key,
    FeedKind? Feed,
    DateOnly BusinessDate,
    DateTimeOffset? FileNameTime,
    string? IgnoredReason)
{
    public bool IsIgnored => Feed is null;
}
