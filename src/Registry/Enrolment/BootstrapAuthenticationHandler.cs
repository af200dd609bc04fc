using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using HybridInference.Contracts.Security;
using HybridInference.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HybridInference.Registry.Enrolment;

/// <summary>
/// <c>Authorization: Bootstrap &lt;secret&gt;</c>: the secret's SHA-256 is compared, in fixed time, with each configured
/// one's; a match authenticates <c>bootstrap:{name}</c> with the <c>fleet:enrol</c> scope only (and the site the secret is
/// restricted to), so a leaked bootstrap secret can enrol new devices and do nothing else.
/// </summary>
internal sealed class BootstrapAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<EnrolmentOptions> enrolment)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = EnrolmentSchemes.Bootstrap + " ";

    /// <summary>Whether <paramref name="request"/> presents a bootstrap secret (the registry's policy scheme forwards it here).</summary>
    public static bool Presents(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Presents(Request))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var secret = Request.Headers.Authorization.ToString()[Prefix.Length..].Trim();
        if (secret.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("the Bootstrap authorization carries no secret"));
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        foreach (var (name, bootstrap) in enrolment.CurrentValue.BootstrapSecrets)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(bootstrap.Hash)))
            {
                List<Claim> claims = [new("sub", "bootstrap:" + name), new(EnrolmentSchemes.BootstrapClaim, name), new(ScopeClaims.Scope, Scopes.FleetEnrol)];
                if (bootstrap.Site is { Length: > 0 } site)
                {
                    claims.Add(new Claim(EnrolmentSchemes.BootstrapSiteClaim, site));
                }

                var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, EnrolmentSchemes.Bootstrap));
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, EnrolmentSchemes.Bootstrap)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("the bootstrap secret is not one this registry knows (Registry:Enrolment:BootstrapSecrets)"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers[HeaderNames.WWWAuthenticate] = EnrolmentSchemes.Bootstrap;
        return base.HandleChallengeAsync(properties);
    }
}
