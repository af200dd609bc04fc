using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HybridInference.Security;

/// <summary>
/// The development issuer: HMAC-SHA256 tokens from one symmetric key that the AppHost generates for each run and
/// hands to every service (the way <c>dotnet user-jwts</c> does for one project). Anyone holding the key can mint any
/// token, which is why it is for development and tests only; a cluster validates tokens of a real OIDC issuer.
/// </summary>
public static class DevTokens
{
    public const string Issuer = "hybridinference-dev";
    public const string Audience = "hybridinference";

    /// <summary>Bytes of a generated key: HS256 wants at least 256 bits.</summary>
    public const int KeyBytes = 32;

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The validation key for <paramref name="base64Key"/>; throws when it is not base64 of at least <see cref="KeyBytes"/> bytes.</summary>
    public static SymmetricSecurityKey SecurityKey(string base64Key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(base64Key);
        var bytes = Convert.FromBase64String(base64Key);
        return bytes.Length < KeyBytes
            ? throw new ArgumentException($"the signing key has {bytes.Length} bytes; HS256 needs at least {KeyBytes}", nameof(base64Key))
            : new SymmetricSecurityKey(bytes) { KeyId = KeyId(bytes) };
    }

    /// <summary>Whether <paramref name="base64Key"/> is usable as a signing key.</summary>
    public static bool IsValidKey(string? base64Key)
    {
        if (string.IsNullOrWhiteSpace(base64Key))
        {
            return false;
        }

        var buffer = new byte[base64Key.Length];
        return Convert.TryFromBase64String(base64Key, buffer, out var written) && written >= KeyBytes;
    }

    public static string Issue(string base64Key, DevToken token, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = token.Subject,
            [ScopeClaims.Scope] = string.Join(' ', token.Scopes),
        };
        foreach (var (name, value) in token.Claims ?? new Dictionary<string, string>())
        {
            claims[name] = value;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = token.Issuer ?? Issuer,
            Audience = token.Audience ?? Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + token.Lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(SecurityKey(base64Key), SecurityAlgorithms.HmacSha256),
        });
    }

    // A short, stable id so a service can say which key a token was signed with without showing the key.
    private static string KeyId(byte[] key) => Convert.ToHexString(SHA256.HashData(key))[..16].ToLowerInvariant();
}

/// <summary>What a development token says: who, which scopes, for how long (and optionally other claims).</summary>
public sealed record DevToken(string Subject, IReadOnlyCollection<string> Scopes, TimeSpan Lifetime)
{
    public string? Issuer { get; init; }
    public string? Audience { get; init; }
    public IReadOnlyDictionary<string, string>? Claims { get; init; }
}
