using System.Collections.Concurrent;

namespace HybridInference.Router.Inference;

/// <summary>
/// Remembers the body digest of recent request ids, so that an id reused for a different request is
/// refused (409) instead of being merged with the first one in the prediction log, while a retry of the
/// same request (same body) is answered again. Bounded: the oldest ids are forgotten first.
/// </summary>
public sealed class RequestIdGuard(int capacity = 100_000)
{
    private readonly ConcurrentDictionary<string, string> _digests = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>False when <paramref name="requestId"/> was seen with another body digest.</summary>
    public bool TryUse(string requestId, string bodyDigest)
    {
        var stored = _digests.GetOrAdd(requestId, bodyDigest);
        if (!ReferenceEquals(stored, bodyDigest))
        {
            return stored == bodyDigest;
        }

        _order.Enqueue(requestId);
        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _digests.TryRemove(oldest, out _);
        }

        return true;
    }
}
