using HybridInference.Router.Routing;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Links;

/// <summary>
/// Delays calls over a simulated link: half the round-trip time (plus jitter) on the way out, half on the
/// way back, and the bodies' transfer time at the link's bandwidth. Settings are read per call, so a
/// change (or a chaos experiment) takes effect at once.
/// </summary>
public sealed class SimulatedLinkHandler(IOptionsMonitor<SimulatedLinkOptions> options, string linkName, TimeProvider time, IRandomSource random) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var link = options.Get(linkName);
        var oneWay = (link.LatencyMs + (random.NextDouble() * link.JitterMs)) / 2;
        await DelayAsync(oneWay + TransferMs(request.Content?.Headers.ContentLength, link), cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await DelayAsync(oneWay + TransferMs(response.Content.Headers.ContentLength, link), cancellationToken);
        return response;
    }

    private static double TransferMs(long? bytes, SimulatedLinkOptions link) =>
        link.BandwidthKbps <= 0 || bytes is not > 0 ? 0 : bytes.Value * 8 / link.BandwidthKbps;

    private Task DelayAsync(double milliseconds, CancellationToken cancellationToken) =>
        milliseconds <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(milliseconds), time, cancellationToken);
}
