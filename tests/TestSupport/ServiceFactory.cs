using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.TestSupport;

/// <summary>
/// A service in process with authentication on, as deployed: it trusts <see cref="TestAuth.SigningKey"/>, calls other
/// services with <see cref="ClientToken"/>, and every client it creates sends the operator's token. Factories made from it
/// with <c>WithWebHostBuilder</c> keep all three. Subclasses configure in <see cref="ConfigureService"/>.
/// </summary>
public class ServiceFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    /// <summary>The token the service's own typed clients send (<c>Auth:Client:Token</c>).</summary>
    protected virtual string ClientToken => TestAuth.ServiceToken;

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Auth:SigningKey", TestAuth.SigningKey);
        builder.UseSetting("Auth:Client:Token", ClientToken);
        ConfigureService(builder);
    }

    protected virtual void ConfigureService(IWebHostBuilder builder)
    {
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.Authorize();
    }
}
