using System.Security.Cryptography;
using Frgm.Domain.Model;
using Frgm.Storage.Ports;

namespace Frgm.Storage.Ingestion;

/// <summary>
/// Reads an object once: SHA-256 is computed as the bytes stream in, and the bytes are kept for parsing —
/// in memory up to <see cref="InMemoryLimit"/>, beyond that in a temporary file deleted on dispose, so a
/// large file never needs memory proportional to its size (the hash must be known before the ledger claim,
/// and the object store may not be readable twice).
/// </summary>
internal static class ContentReader
{
    public const int InMemoryLimit = 64 * 1024 * 1024;

    public static async Task<(Stream Content, string Sha256)> ReadAsync(
        IObjectStore objects, BucketRole bucket, string key, CancellationToken ct, int inMemoryLimit = InMemoryLimit)
    {
        await using var source = await objects.OpenReadAsync(bucket, key, ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Stream content = new MemoryStream();
        try
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                if (content is MemoryStream memory && memory.Length + read > inMemoryLimit)
                {
                    content = await SpillAsync(memory, ct);
                }

                await content.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            content.Position = 0;
            return (content, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
    }

    private static async Task<Stream> SpillAsync(MemoryStream memory, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), "frgm-ingest-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        memory.Position = 0;
        await memory.CopyToAsync(file, ct);
        await memory.DisposeAsync();
        return file;
    }
}
