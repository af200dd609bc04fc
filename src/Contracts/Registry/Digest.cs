using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace HybridInference.Contracts.Registry;

/// <summary>
/// An OCI-style content digest, <c>sha256:</c> followed by 64 lower-case hex digits: how the registry names an
/// artifact, and what every consumer checks a downloaded or cached file against.
/// </summary>
public readonly record struct Digest
{
    private const string Prefix = "sha256:";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private Digest(string hex) => Hex = hex;

    /// <summary>The 64 lower-case hex digits.</summary>
    public string Hex { get; }

    /// <summary>The digest of a SHA-256 hash value.</summary>
    /// <exception cref="ArgumentException"><paramref name="sha256"/> is not 32 bytes.</exception>
    public static Digest Of(ReadOnlySpan<byte> sha256) =>
        sha256.Length == SHA256.HashSizeInBytes
            ? new(Convert.ToHexStringLower(sha256))
            : throw new ArgumentException($"a SHA-256 hash is {SHA256.HashSizeInBytes} bytes, got {sha256.Length}", nameof(sha256));

    /// <summary>The digest of a file's content; synchronous, for start-up paths that run before the host's first await.</summary>
    public static Digest OfFile(string path)
    {
        using var file = File.OpenRead(path);
        return Of(SHA256.HashData(file));
    }

    /// <summary>The digest of a file's content.</summary>
    public static async Task<Digest> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            return Of(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Whether <paramref name="text"/> is a digest exactly as the registry writes one (<c>sha256:</c>, 64 lower-case hex digits).</summary>
    public static bool IsValid([NotNullWhen(true)] string? text) =>
        text is { Length: 71 } && text.StartsWith(Prefix, StringComparison.Ordinal) && !text.AsSpan(Prefix.Length).ContainsAnyExcept(LowerHex);

    /// <summary>Accepts <c>sha256:&lt;hex&gt;</c> or bare hex, as a user may type it; upper-case hex is normalised.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Digest? digest)
    {
        digest = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var hex = text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? text[Prefix.Length..] : text;
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        digest = new Digest(hex.ToLowerInvariant());
        return true;
    }

    /// <summary>Parses what <see cref="TryParse"/> accepts.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a digest; the message quotes it.</exception>
    public static Digest Parse(string? text) =>
        TryParse(text, out var digest)
            ? digest.Value
            : throw new FormatException($"'{text}' is not a digest: expected sha256: followed by 64 hex digits");

    public override string ToString() => Prefix + Hex;
}
