using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace HybridInference.Inference.Artifacts;

/// <summary>SHA-256 digests as the registry writes them: <c>sha256:</c> and 64 lower-case hex digits.</summary>
public static partial class ArtifactDigest
{
    public static bool IsValid(string? digest) => digest is not null && Pattern().IsMatch(digest);

    public static string Of(byte[] hash) => "sha256:" + Convert.ToHexStringLower(hash);

    /// <summary>Synchronous, for the start-up path that runs before the host's first await.</summary>
    public static string OfFile(string path)
    {
        using var file = File.OpenRead(path);
        return Of(SHA256.HashData(file));
    }

    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Of(await SHA256.HashDataAsync(file, cancellationToken));
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Pattern();
}
