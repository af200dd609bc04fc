using System.Collections.Concurrent;

namespace HybridInference.Router.Routing;

/// <summary>
/// One token bucket per (model, site). Sites come from the fleet's own configuration, not from clients, so the
/// number of buckets stays bounded by models times sites.
/// </summary>
internal sealed class EscalationLimiter(TimeProvider time) : IEscalationLimiter
{
    private readonly ConcurrentDictionary<(string Model, string Site), TokenBucket> _buckets = new();

    public bool TryAcquire(ModelRoute model, string site)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        var bucket = _buckets.GetOrAdd((model.Model, site), static (_, state) => new TokenBucket(state.time, state.rate), (time, rate: model.MaxEscalationsPerSecondPerSite));
        return bucket.TryTake(model.MaxEscalationsPerSecondPerSite);
    }
}
