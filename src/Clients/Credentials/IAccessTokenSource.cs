namespace HybridInference.Clients.Credentials;

/// <summary>Where a client's bearer token comes from: a service's configured credential, or an operator's login.</summary>
public interface IAccessTokenSource
{
    /// <summary>The token to send, or null to send none (the server then answers 401 where one is needed).</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}
