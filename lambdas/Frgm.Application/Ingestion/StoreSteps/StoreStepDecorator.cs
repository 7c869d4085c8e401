using System.Runtime.CompilerServices;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Base of the port decorators that name a failing store and step: the step is the port method's name without
/// "Async" (e.g. "history store failed at GetSod: ..."), unless a decorator passes one the operators know better.
/// </summary>
internal abstract class StoreStepDecorator(string store)
{
    protected string Store { get; } = store;

    protected Task<T> Run<T>(Func<Task<T>> call, [CallerMemberName] string method = "") => StoreStep.Run(Store, StepOf(method), call);

    protected Task Run(Func<Task> call, [CallerMemberName] string method = "") => StoreStep.Run(Store, StepOf(method), call);

    private static string StepOf(string method) => method.EndsWith("Async", StringComparison.Ordinal) ? method[..^5] : method;
}
