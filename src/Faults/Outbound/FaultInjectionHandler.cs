using HybridInference.Faults.Distribution;
using Polly;

namespace HybridInference.Faults.Outbound;

/// <summary>
/// The innermost handler of every HttpClient (gRPC channels included when built on it): finds the faults on
/// the link to the request's destination and, when there are any, sends the request through the chaos
/// pipeline. Innermost, so the client's own timeout, retry and circuit breaker meet the injected latency and
/// errors as they would meet a real slow or failing link.
/// </summary>
public sealed class FaultInjectionHandler(FaultState state, DestinationNames destinations, LinkChaosPipeline chaos) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = state.Current;
        if (current.IsEmpty)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var faults = current.ForLink(destinations.Resolve(request.RequestUri));
        if (faults.IsEmpty)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(LinkChaosPipeline.FaultsKey, faults);
            context.Properties.Set(LinkChaosPipeline.RequestKey, request);
            return await chaos.Pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendInnerAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
