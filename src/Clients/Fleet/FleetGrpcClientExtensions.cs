using Grpc.Net.ClientFactory;
using HybridInference.Clients.Credentials;
using HybridInference.Contracts.Fleet.Grpc;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Fleet;

/// <summary>
/// Registers the generated client of the fleet protocol (<c>fleet.proto</c>, the devices' side) with
/// Grpc.Net.ClientFactory, so its channel is built on IHttpClientFactory's handler chain (and every handler
/// filter, link faults included) instead of by hand.
/// </summary>
public static class FleetGrpcClientExtensions
{
    /// <summary>The client's name in the factory: <c>GrpcClientFactory.CreateClient&lt;FleetService.FleetServiceClient&gt;(Name)</c>.</summary>
    public const string Name = nameof(FleetService.FleetServiceClient);

    /// <summary>
    /// Adds <see cref="FleetService.FleetServiceClient"/> at the address <paramref name="address"/> gives (the
    /// registry's h2c endpoint). It has no retry handler: a device's stream lives for hours, and reconnecting it is
    /// the device's session logic (with its own backoff), not a per-call policy. The connection is kept alive by
    /// HTTP/2 pings, so a registry that vanished without closing the connection is noticed within seconds.
    /// </summary>
    public static IHttpClientBuilder AddFleetGrpcClient(this IServiceCollection services, Func<IServiceProvider, Uri?> address)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(address);
        return services
            .AddGrpcClient<FleetService.FleetServiceClient>(Name, (provider, options) => options.Address = address(provider))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(10),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
                EnableMultipleHttp2Connections = true,
            })
            // The device's credential on the stream: the registry binds the stream to the token's device.
            .AddAccessToken();
    }
}
