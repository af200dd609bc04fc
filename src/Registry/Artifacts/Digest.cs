using System.Diagnostics.CodeAnalysis;

namespace HybridInference.Registry.Artifacts;

/// <summary>An OCI-style content digest, <c>sha256:</c> followed by 64 lower-case hex digits.</summary>
public readonly record struct Digest
{
    private const string Prefix = "sha256:";

    private Digest(string hex) => Hex = hex;

    /// <summary>The 64 hex digits.</summary>
    public string Hex { get; }

    public static Digest FromHash(ReadOnlySpan<byte> sha256) => new(Convert.ToHexStringLower(sha256));

    /// <summary>Accepts <c>sha256:&lt;hex&gt;</c> or bare hex; upper-case hex is normalised.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Digest? digest)
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

    public override string ToString() => Prefix + Hex;
}
