using System.Net.Http.Headers;

namespace HybridInference.Clients.Credentials;

/// <summary>
/// Puts the caller's bearer token on each request (each attempt, so a retry after a rotation sends the new one),
/// unless the request already carries an Authorization header of its own.
/// </summary>
public sealed class AccessTokenHandler(IAccessTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null && await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
