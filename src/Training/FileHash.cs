using System.Security.Cryptography;

namespace HybridInference.Training;

/// <summary>SHA-256 of files, as lower-case hex, for model cards and dataset provenance.</summary>
public static class FileHash
{
    public static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
