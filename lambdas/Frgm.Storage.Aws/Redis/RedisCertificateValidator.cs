using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Frgm.Storage.Aws.Redis;

/// <summary>
/// Normal TLS server validation (system roots, host name), plus an optional extra CA: when the only problem is an
/// untrusted chain, the chain is rebuilt with that CA as the custom root. A name mismatch is never accepted.
/// </summary>
internal sealed class RedisCertificateValidator
{
    private readonly X509Certificate2Collection? _extraRoots;

    public RedisCertificateValidator(string? caCertificatePath)
    {
        if (caCertificatePath is null)
        {
            return;
        }

        if (!File.Exists(caCertificatePath))
        {
            throw new FileNotFoundException($"Redis CA certificate file not found: {caCertificatePath}", caCertificatePath);
        }

        _extraRoots = [];
        _extraRoots.ImportFromPemFile(caCertificatePath);
        if (_extraRoots.Count == 0)
        {
            throw new InvalidDataException($"no certificate in Redis CA file {caCertificatePath}");
        }
    }

    /// <summary>Why the last certificate was refused, for the connection error message.</summary>
    public string? LastFailure { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors == SslPolicyErrors.RemoteCertificateChainErrors && _extraRoots is not null && certificate is not null)
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            }

            using var leaf = new X509Certificate2(certificate);
            if (custom.Build(leaf))
            {
                return true;
            }

            LastFailure = "chain not trusted by the system roots nor the configured CA: "
                + string.Join("; ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()));
            return false;
        }

        LastFailure = errors == SslPolicyErrors.RemoteCertificateChainErrors
            ? "certificate chain is not trusted (no extra CA configured): "
                + string.Join("; ", chain?.ChainStatus.Select(s => s.StatusInformation.Trim()) ?? [])
            : $"certificate validation failed: {errors}";
        return false;
    }
}
