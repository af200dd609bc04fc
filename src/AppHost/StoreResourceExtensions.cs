using HybridInference.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.AppHost;

/// <summary>The store a service references, and the resource it must wait for before it starts.</summary>
internal sealed record StoreResources(IResourceBuilder<IResourceWithConnectionString> ConnectionString, IResourceBuilder<IResource> WaitTarget);

internal static class StoreResourceExtensions
{
    /// <summary>
    /// Uses the Redis named by <c>ConnectionStrings:store</c> when one is configured (production, CI's
    /// redis-server), else starts the embedded Garnet host as resource <c>garnet</c>. Either way services
    /// see one connection string named <c>store</c>.
    /// </summary>
    public static StoreResources AddHybridStore(this IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString(StoreOptions.ConnectionStringName);
        if (configured is not null)
        {
            if (!StoreConnectionString.TryParse(configured, out _, out var error))
            {
                throw new DistributedApplicationException(
                    $"Setting 'ConnectionStrings:{StoreOptions.ConnectionStringName}' is invalid: {error}. " +
                    "Remove it to use the embedded Garnet store, or give a Redis address such as 127.0.0.1:6379.");
            }

            var external = builder.AddConnectionString(StoreOptions.ConnectionStringName);
            return new StoreResources(external, external);
        }

        // A password per run, so nothing else on the machine can read or write the development store.
        var passwordValue = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var password = builder.AddParameter("garnet-password", passwordValue, secret: true);
        var garnet = builder.AddProject<Projects.Store>("garnet")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "GARNET_PORT")
            .WithEnvironment("GARNET_PASSWORD", password);
        var endpoint = garnet.GetEndpoint("tcp");

        var checkName = "garnet-ping";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            checkName,
            _ => new RespPingHealthCheck(endpoint, passwordValue),
            failureStatus: HealthStatus.Unhealthy,
            tags: null));
        garnet.WithHealthCheck(checkName);

        var connection = builder.AddConnectionString(
            StoreOptions.ConnectionStringName,
            ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)},password={password.Resource}"));
        return new StoreResources(connection, garnet);
    }

    /// <summary>Gives a service the store's connection string and holds its start until the store is healthy.</summary>
    public static IResourceBuilder<T> WithStore<T>(this IResourceBuilder<T> service, StoreResources store)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        service.WithReference(store.ConnectionString).WaitFor(store.WaitTarget);
}
