using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using HybridInference.Contracts.Security;
using HybridInference.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.ServiceDefaults.Security;

/// <summary>
/// Inference API keys (<c>X-Api-Key</c>): the key's SHA-256 is compared, in fixed time, with each configured client's;
/// a match authenticates that client with the <c>inference</c> scope only, so a leaked camera key reaches no admin API.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AuthSchemes.ApiKeyHeader, out var values) || values.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values.ToString()));
        foreach (var (client, hash) in auth.CurrentValue.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(hash)))
            {
                var identity = new ClaimsIdentity(
                    [new Claim("sub", "apikey:" + client), new Claim("client_id", client), new Claim(ScopeClaims.Scope, Scopes.Inference)],
                    AuthSchemes.ApiKey);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AuthSchemes.ApiKey)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("the API key is not one this service knows"));
    }
}
