namespace Frgm.Functions.Handlers;

/// <summary>What the runtime loop (and the local runner) needs of a function: Stream in, Stream out.</summary>
public interface ILambdaHandler
{
    /// <summary><paramref name="ct"/> fires shortly before the invocation's deadline.</summary>
    Task<Stream> HandleAsync(Stream input, CancellationToken ct);
}
