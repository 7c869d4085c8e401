using System.Security.Cryptography;
using Frgm.Domain.Model;
using Frgm.Storage.Ports;

namespace Frgm.Storage.Ingestion;

/// <summary>Reads an object once: the bytes are kept for parsing while SHA-256 is computed as they stream in.</summary>
internal static class ContentReader
{
    public static async Task<(MemoryStream Content, string Sha256)> ReadAsync(IObjectStore objects, BucketRole bucket, string key, CancellationToken ct)
    {
        await using var source = await objects.OpenReadAsync(bucket, key, ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            content.Write(buffer, 0, read);
        }

        content.Position = 0;
        return (content, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
