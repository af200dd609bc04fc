using HybridInference.Faults.Distribution;

namespace HybridInference.Faults.Outbound;

/// <summary>
/// Puts link faults on a handler built outside the HttpClient factory, such as a gRPC channel's own
/// <see cref="SocketsHttpHandler"/>: every call on the channel then crosses the same chaos pipeline.
/// </summary>
public sealed class OutboundFaults(FaultState state, DestinationNames destinations, LinkChaosPipeline chaos)
{
    public HttpMessageHandler Wrap(HttpMessageHandler inner) =>
        new FaultInjectionHandler(state, destinations, chaos) { InnerHandler = inner };
}
