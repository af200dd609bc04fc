using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HybridInference.Clients.Credentials;

/// <summary>Gives a client the caller's bearer token.</summary>
public static class AccessTokenExtensions
{
    /// <summary>
    /// Adds <see cref="AccessTokenHandler"/> to the client, inside its resilience pipeline when that was added first.
    /// The token comes from the registered <see cref="IAccessTokenSource"/>; where none is registered, from
    /// <c>Auth:Client</c> (<see cref="ConfiguredAccessTokenSource"/>).
    /// </summary>
    public static IHttpClientBuilder AddAccessToken(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ClientCredentialsOptions>()
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(ClientCredentialsOptions.SectionName).Bind(o));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IAccessTokenSource, ConfiguredAccessTokenSource>();
        builder.Services.TryAddTransient<AccessTokenHandler>();
        return builder.AddHttpMessageHandler<AccessTokenHandler>();
    }
}
