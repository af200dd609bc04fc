using System.Security.Claims;

namespace HybridInference.Security;

/// <summary>
/// Reads a principal's scopes the way the common issuers write them: one space-separated <c>scope</c> claim
/// (OAuth 2.0, Keycloak, Dex), or several <c>scope</c>/<c>scp</c> claims (Entra ID access tokens write <c>scp</c>).
/// </summary>
public static class ScopeClaims
{
    public const string Scope = "scope";
    public const string Scp = "scp";

    public static bool HasScope(this ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && ScopesOf(user).Contains(scope, StringComparer.Ordinal);
    }

    public static IEnumerable<string> ScopesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Claims
            .Where(c => c.Type is Scope or Scp)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>
    /// Who the principal is, for audit trails: the token's <c>sub</c>, else the OAuth client it was issued to
    /// (<c>client_id</c>, <c>azp</c>) for client-credential tokens that carry no subject.
    /// </summary>
    public static string? Subject(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        foreach (var type in (ReadOnlySpan<string>)["sub", ClaimTypes.NameIdentifier, "client_id", "azp"])
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }
}
