using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Rollouts.Control;

/// <summary>
/// Drives every active rollout: each tick it reads the active rollouts from the store (so a restarted
/// registry resumes them) and lets the engine analyse the ones that are due. A store outage pauses the
/// driving, not the rollouts: nothing changes until the store answers again.
/// </summary>
public sealed partial class RolloutController(
    RolloutStore store,
    RolloutEngine engine,
    RolloutMetrics metrics,
    IOptions<RolloutOptions> options,
    TimeProvider time,
    ILogger<RolloutController> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TickSeconds), time);
        var failing = false;
        do
        {
            try
            {
                foreach (var rollout in await store.ActiveAsync())
                {
                    metrics.Observe(rollout);
                    try
                    {
                        metrics.Observe(await engine.TickAsync(rollout.Id, stoppingToken));
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not RedisException and not TimeoutException)
                    {
                        // One rollout whose actuation fails (a device store hiccup, a bad document, a webhook call cancelled by
                        // another caller) must not stop the others, nor the host: only this service's own stop ends the loop.
                        LogTickFailed(ex, rollout.Id);
                    }
                }

                failing = false;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (!failing)
                {
                    LogStoreDown(ex.Message);
                    failing = true;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Rollout {Id}: tick failed")]
    private partial void LogTickFailed(Exception exception, string id);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Rollouts paused: the store is unreachable ({Reason})")]
    private partial void LogStoreDown(string reason);
}
