namespace HybridInference.Router.Tiers;

/// <summary>A tier could not answer (down, timing out, 5xx, broken answer): the router falls back.</summary>
public sealed class TierUnavailableException(string tier, string node, string reason, Exception? inner = null, bool transport = false)
    : Exception($"{tier} {node} unavailable: {reason}", inner)
{
    public string Tier { get; } = tier;

    public string Node { get; } = node;

    /// <summary>No answer arrived at all (refused, reset, timed out, breaker open), as opposed to an error answer: what the link state counts.</summary>
    public bool Transport { get; } = transport;
}

/// <summary>A tier refused the request itself (4xx): the client gets the same status and error, no fallback.</summary>
public sealed class TierRejectedException(int status, string error)
    : Exception(error)
{
    public int Status { get; } = status;

    public string Error { get; } = error;
}
