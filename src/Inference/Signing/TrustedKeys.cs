using System.Security.Cryptography;
using HybridInference.Contracts.Registry.Signing;

namespace HybridInference.Inference.Signing;

/// <summary>The configured public keys by key id, each read as a P-256 public key; what a bad entry is, is said by its setting.</summary>
internal static class TrustedKeys
{
    public static Dictionary<string, ECDsa> Load(ModelTrustOptions options, string section, string contentRoot, List<string> errors)
    {
        Dictionary<string, ECDsa> keys = new(StringComparer.Ordinal);
        // An empty entry (an unset environment variable) is no key, not a bad one.
        var entries = options.PublicKeys.Select((pem, i) => (Value: pem, Setting: $"{section}:PublicKeys:{i}", Read: (Func<string>)(() => pem)))
            .Concat(options.PublicKeyFiles.Select((file, i) => (Value: file, Setting: $"{section}:PublicKeyFiles:{i} '{file}'", Read: (Func<string>)(() => File.ReadAllText(Path.GetFullPath(file, contentRoot))))))
            .Where(e => !string.IsNullOrWhiteSpace(e.Value))
            .Select(e => (e.Setting, e.Read));
        foreach (var (setting, read) in entries)
        {
            try
            {
                var key = P256Keys.ImportPublic(read());
                if (!keys.TryAdd(ModelEnvelopes.KeyIdOf(key), key))
                {
                    key.Dispose();
                }
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                errors.Add($"{setting} is not an ECDSA P-256 public key: {ex.Message}");
            }
        }

        return keys;
    }
}
