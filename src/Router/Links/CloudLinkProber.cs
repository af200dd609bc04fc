using HybridInference.Router.Inference;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Links;

/// <summary>
/// While the link is down, asks the cloud's <c>GET /v2/health/live</c> every <c>Links:Cloud:ProbeSeconds</c>
/// across the same simulated link as inference: with <c>link_down</c> rules keeping requests off the cloud, no
/// request would otherwise find out that the link came back.
/// </summary>
public sealed class CloudLinkProber(
    CloudLink link,
    IHttpClientFactory clients,
    IOptions<CloudLinkOptions> options,
    IOptions<CloudOptions> cloud,
    TimeProvider time) : BackgroundService
{
    public const string ClientName = "cloud-probe";

    private readonly Uri _live = new(new Uri(cloud.Value.Address), "/v2/health/live");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ProbeSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (link.IsDown)
            {
                await ProbeOnceAsync(stoppingToken);
            }
        }
    }

    /// <summary>One probe; true when the cloud answered. Public so tests can probe at a moment they choose.</summary>
    public async Task<bool> ProbeOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.Value.ProbeTimeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(_live, linked.Token);

            // Any answer proves the link carries traffic; the cloud's own health is the breaker's business.
            link.Succeeded($"probe answered HTTP {(int)response.StatusCode}");
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed probe changes nothing: the link is already down, and the prober must keep running.
            return false;
        }
    }
}
