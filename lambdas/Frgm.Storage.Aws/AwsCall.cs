using System.Net.Sockets;
using Amazon.Runtime;

namespace Frgm.Storage.Aws;

/// <summary>Runs one SDK call and turns transport and service failures into an <see cref="AwsStoreException"/> naming where.</summary>
internal static class AwsCall
{
    public static async Task<T> RunAsync<T>(string store, string resource, string endpoint, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsStoreFailure(ex, ct))
        {
            throw Wrap(store, resource, endpoint, ex);
        }
    }

    public static async Task RunAsync(string store, string resource, string endpoint, Func<Task> call, CancellationToken ct)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (IsStoreFailure(ex, ct))
        {
            throw Wrap(store, resource, endpoint, ex);
        }
    }

    public static AwsStoreException Wrap(string store, string resource, string endpoint, Exception ex) =>
        new($"{store} {resource} at {endpoint} failed: {Describe(ex)}", ex);

    private static bool IsStoreFailure(Exception ex, CancellationToken ct) => ex switch
    {
        AwsStoreException => false,
        Amazon.DynamoDBv2.Model.ConditionalCheckFailedException or Amazon.DynamoDBv2.Model.TransactionCanceledException => false,
        OperationCanceledException when ct.IsCancellationRequested => false,
        AmazonServiceException or AmazonClientException or HttpRequestException or SocketException or IOException
            or OperationCanceledException => true,
        _ => false,
    };

    private static string Describe(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        var kind = ex is AmazonServiceException { ErrorCode: { Length: > 0 } code } ? code : ex.GetType().Name;
        return ReferenceEquals(innermost, ex) ? $"{kind}: {ex.Message}" : $"{kind}: {ex.Message} ({innermost.Message})";
    }
}
