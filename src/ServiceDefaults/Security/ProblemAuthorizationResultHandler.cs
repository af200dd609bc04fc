using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace HybridInference.ServiceDefaults.Security;

/// <summary>
/// Answers a refused request with RFC 9457 ProblemDetails that say what to send: 401 (no token, or one that is
/// expired, wrongly signed or for another audience) with the scheme's <c>WWW-Authenticate</c>, and 403 naming the
/// missing scope. It runs in the authorization middleware, so nothing of the request is validated or looked up first.
/// gRPC calls get the bare status (the client maps it to Unauthenticated or PermissionDenied).
/// </summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
            return;
        }

        if (authorizeResult.Challenged)
        {
            // The middleware keeps only a successful result; the handler caches its own per request, so this is no second validation.
            var failure = (await context.AuthenticateAsync().ConfigureAwait(false)).Failure;
            await ChallengeAsync(context, policy).ConfigureAwait(false);
            await WriteAsync(context, "Authentication required", Unauthenticated(failure)).ConfigureAwait(false);
            return;
        }

        await ForbidAsync(context, policy).ConfigureAwait(false);
        await WriteAsync(context, "Missing scope", Forbidden(context)).ConfigureAwait(false);
    }

    private static Task ChallengeAsync(HttpContext context, AuthorizationPolicy policy) =>
        EachSchemeAsync(policy, scheme => scheme is null ? context.ChallengeAsync() : context.ChallengeAsync(scheme));

    private static Task ForbidAsync(HttpContext context, AuthorizationPolicy policy) =>
        EachSchemeAsync(policy, scheme => scheme is null ? context.ForbidAsync() : context.ForbidAsync(scheme));

    // As the framework's handler does: the policy's own schemes, else the default one.
    private static async Task EachSchemeAsync(AuthorizationPolicy policy, Func<string?, Task> act)
    {
        if (policy.AuthenticationSchemes.Count == 0)
        {
            await act(null).ConfigureAwait(false);
            return;
        }

        foreach (var scheme in policy.AuthenticationSchemes)
        {
            await act(scheme).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(HttpContext context, string title, string detail)
    {
        if (context.Response.HasStarted || IsGrpc(context.Request))
        {
            return;
        }

        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = context.Response.StatusCode, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    private static string Unauthenticated(Exception? failure) =>
        failure switch
        {
            null => "send a token: Authorization: Bearer <token> (docs/SECURITY.md says how to get one)",
            SecurityTokenExpiredException => "the bearer token has expired; get a new one",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
                "the bearer token's signature is not one this service trusts",
            SecurityTokenInvalidAudienceException => "the bearer token is for another audience",
            SecurityTokenInvalidIssuerException => "the bearer token is from an issuer this service does not trust",
            _ => "the credential was refused: " + failure.Message,
        };

    private static string Forbidden(HttpContext context)
    {
        var scopes = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(data => data.Policy).OfType<string>().ToArray() ?? [];
        var needed = scopes.Length == 0 ? "a scope this endpoint needs" : "scope '" + string.Join("' and '", scopes) + "'";
        return $"the token lacks {needed} for {context.Request.Method} {context.Request.Path}";
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
