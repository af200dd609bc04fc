using System.Security.Claims;
using System.Text.Encodings.Web;
using HybridInference.Contracts.Security;
using HybridInference.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.ServiceDefaults.Security;

/// <summary>
/// What <c>Auth:Enabled=false</c> means: every caller is the subject <c>anonymous</c> holding every scope, so endpoints
/// keep their policies (and the audit trail says who did it: nobody known).
/// </summary>
internal sealed class OpenAccessHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Subject = "anonymous";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var identity = new ClaimsIdentity(
            [new Claim("sub", Subject), new Claim(ScopeClaims.Scope, string.Join(' ', Scopes.All.Concat(Scopes.DeviceOnly)))],
            AuthSchemes.Open);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AuthSchemes.Open)));
    }
}
