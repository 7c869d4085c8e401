using System.Security.Cryptography;
using System.Text;

namespace Frgm.Dashboard.Api;

/// <summary>
/// Checks a presented API key against the configured ones in constant time: both sides are hashed to a fixed
/// length first, so neither the key's content nor its length leaks through timing, and every key is compared.
/// </summary>
public sealed class ApiKeyVerifier
{
    private readonly byte[][] _hashes;

    public ApiKeyVerifier(IEnumerable<string> keys)
    {
        _hashes = keys.Select(Hash).ToArray();
        if (_hashes.Length == 0)
        {
            throw new ArgumentException("at least one API key is required", nameof(keys));
        }
    }

    public bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        var match = false;
        foreach (var expected in _hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, expected);
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
