using Microsoft.Extensions.Options;

namespace HybridInference.Router.Links;

/// <summary>
/// Whether the site-to-cloud link is up, judged from the cloud calls themselves: down after
/// <c>Links:Cloud:DownAfterFailures</c> consecutive calls that got no answer at all, or when the cloud's circuit
/// breaker opens; up again at the first call or probe that gets one. A cloud that answers with an error is
/// reachable, so that does not count: the link is about reaching the cloud, not about the cloud's health.
/// </summary>
public sealed partial class CloudLink(IOptions<CloudLinkOptions> options, TimeProvider time, ILogger<CloudLink> logger)
{
    private readonly Lock _gate = new();
    private readonly CloudLinkOptions _options = options.Value;
    private int _consecutiveFailures;
    private CloudLinkDown? _down;

    /// <summary>Read on every request, so kept lock-free.</summary>
    public bool IsDown => Volatile.Read(ref _down) is not null;

    /// <summary>Since when and why the link is down; null while it is up.</summary>
    public CloudLinkDown? Down => Volatile.Read(ref _down);

    /// <summary>A cloud call or probe got an answer.</summary>
    public void Succeeded(string via)
    {
        CloudLinkDown? ended;
        lock (_gate)
        {
            _consecutiveFailures = 0;
            ended = _down;
            Volatile.Write(ref _down, null);
        }

        if (ended is not null)
        {
            LogUp(via, ended.Since, ended.Reason);
        }
    }

    /// <summary>A cloud call got no answer (refused, reset, timed out, rejected by the open breaker).</summary>
    public void Failed(string reason)
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            if (_options.DownAfterFailures > 0 && _consecutiveFailures >= _options.DownAfterFailures)
            {
                MarkDown($"{_consecutiveFailures} consecutive cloud calls without an answer, the last: {reason}");
            }
        }
    }

    /// <summary>The cloud client's circuit breaker opened.</summary>
    public void BreakerOpened()
    {
        if (!_options.DownWhenBreakerOpens)
        {
            return;
        }

        lock (_gate)
        {
            MarkDown("the cloud circuit breaker opened");
        }
    }

    private void MarkDown(string reason)
    {
        if (_down is not null)
        {
            return;
        }

        var down = new CloudLinkDown(time.GetUtcNow(), reason);
        Volatile.Write(ref _down, down);
        LogDown(reason);
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Cloud link down: {Reason}; link_down rules apply until a call or probe gets an answer")]
    private partial void LogDown(string reason);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Cloud link up again ({Via}); it was down since {Since}: {Reason}")]
    private partial void LogUp(string via, DateTimeOffset since, string reason);
}
