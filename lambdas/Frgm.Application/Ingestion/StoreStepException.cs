namespace Frgm.Application.Ingestion;

/// <summary>A backing store failed during ingestion; the message names the store and the step (the ledger records it).</summary>
public sealed class StoreStepException : Exception
{
    public StoreStepException(string store, string step, Exception inner)
        : base($"{store} store failed at {step}: {inner?.Message}", inner)
    {
        Store = store;
        Step = step;
    }

    public StoreStepException()
    {
        Store = string.Empty;
        Step = string.Empty;
    }

    public StoreStepException(string message)
        : base(message)
    {
        Store = string.Empty;
        Step = string.Empty;
    }

    public StoreStepException(string message, Exception inner)
        : base(message, inner)
    {
        Store = string.Empty;
        Step = string.Empty;
    }

    public string Store { get; }

    public string Step { get; }
}
