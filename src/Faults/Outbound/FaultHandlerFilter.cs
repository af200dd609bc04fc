using HybridInference.Faults.Distribution;
using Microsoft.Extensions.Http;

namespace HybridInference.Faults.Outbound;

/// <summary>
/// Appends <see cref="FaultInjectionHandler"/> to every HttpClient the factory builds, after every other
/// configuration (defaults and the client's own), so it is innermost even in clients that replace the
/// standard resilience handler with their own.
/// </summary>
internal sealed class FaultHandlerFilter(FaultState state, DestinationNames destinations, LinkChaosPipeline chaos) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Add(new FaultInjectionHandler(state, destinations, chaos));
    };
}
