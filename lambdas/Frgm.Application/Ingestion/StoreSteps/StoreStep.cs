namespace Frgm.Application.Ingestion;

/// <summary>Runs one store call and, when it throws, says which store and which step (for the ledger's FAILED message).</summary>
internal static class StoreStep
{
    public static async Task<T> Run<T>(string store, string step, Func<Task<T>> call, Func<Exception, bool>? passThrough = null)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsStoreFailure(ex) && passThrough?.Invoke(ex) != true)
        {
            throw new StoreStepException(store, step, ex);
        }
    }

    public static async Task Run(string store, string step, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw new StoreStepException(store, step, ex);
        }
    }

    /// <summary>A cancellation is the caller's, and an already named failure keeps the innermost store's name.</summary>
    public static bool IsStoreFailure(Exception ex) => ex is not OperationCanceledException and not StoreStepException;
}
