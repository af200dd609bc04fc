using System.Security.Cryptography;

namespace HybridInference.Contracts.Registry.Signing;

/// <summary>
/// Reads the keys model signing uses from PEM: the registry's private key (<c>PRIVATE KEY</c> or
/// <c>EC PRIVATE KEY</c>) and the nodes' public keys (<c>PUBLIC KEY</c>), each on curve P-256 and nothing else.
/// </summary>
public static class P256Keys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The P-256 private key in <paramref name="pem"/>.</summary>
    /// <exception cref="CryptographicException">Not one PEM private key, or not on P-256; the message says which.</exception>
    public static ECDsa ImportPrivate(string pem) => Import(pem, isPrivate: true);

    /// <summary>The P-256 public key in <paramref name="pem"/>; a private key is refused (it does not belong on a node).</summary>
    /// <exception cref="CryptographicException">Not one PEM public key, or not on P-256; the message says which.</exception>
    public static ECDsa ImportPublic(string pem) => Import(pem, isPrivate: false);

    /// <summary>A public key as PEM (<c>PUBLIC KEY</c>), as a node is configured with it.</summary>
    public static string ExportPublicPem(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ExportSubjectPublicKeyInfoPem();
    }

    private static ECDsa Import(string pem, bool isPrivate)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new CryptographicException("no PEM block found (expected -----BEGIN ...-----)");
        }

        var label = pem[fields.Label];
        var expected = isPrivate ? label is "PRIVATE KEY" or "EC PRIVATE KEY" : label is "PUBLIC KEY";
        if (!expected)
        {
            throw new CryptographicException($"the PEM block is '{label}', expected {(isPrivate ? "'PRIVATE KEY' or 'EC PRIVATE KEY'" : "'PUBLIC KEY'")}");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var curve = key.ExportParameters(false).Curve;
            if (!curve.IsNamed || curve.Oid.Value != P256Oid)
            {
                throw new CryptographicException($"the key is on {curve.Oid.FriendlyName ?? curve.Oid.Value ?? "an explicit curve"}, expected P-256 (nistP256)");
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
