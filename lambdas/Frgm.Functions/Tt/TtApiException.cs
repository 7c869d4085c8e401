namespace Frgm.Functions.Tt;

/// <summary>TT answered with an error, an unreadable body, or not at all within the budget.</summary>
public sealed class TtApiException : Exception
{
    public TtApiException(string message)
        : base(message)
    {
    }

    public TtApiException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TtApiException()
    {
    }
}
