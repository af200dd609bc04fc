using HybridInference.Contracts.Chaos;

namespace HybridInference.Faults.Distribution;

/// <summary>
/// The faults active in this service at one moment, with the lookups the appliers need. Immutable: a
/// request reads one set from start to end. <see cref="ValidUntil"/> is the next moment the set changes by
/// the clock alone (a fault ends or one starts), so readers know when to recompute without a store read.
/// </summary>
public sealed class FaultSet
{
    public static FaultSet Empty { get; } = new([], DateTimeOffset.MaxValue);

    public FaultSet(IReadOnlyList<Fault> active, DateTimeOffset validUntil)
    {
        Active = active;
        ValidUntil = validUntil;
    }

    public IReadOnlyList<Fault> Active { get; }

    public DateTimeOffset ValidUntil { get; }

    public bool IsEmpty => Active.Count == 0;

    /// <summary>The active faults on calls to <paramref name="destination"/>, the first of each kind.</summary>
    public LinkFaults ForLink(string destination)
    {
        if (IsEmpty)
        {
            return LinkFaults.None;
        }

        Fault? latency = null, error = null, partition = null;
        foreach (var fault in Active)
        {
            if (!fault.Kind.IsLink() || (fault.Destination != "*" && !string.Equals(fault.Destination, destination, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            switch (fault.Kind)
            {
                case FaultKind.LinkLatency: latency ??= fault; break;
                case FaultKind.LinkError: error ??= fault; break;
                case FaultKind.LinkPartition: partition ??= fault; break;
            }
        }

        return latency is null && error is null && partition is null ? LinkFaults.None : new LinkFaults(destination, latency, error, partition);
    }

    /// <summary>The first active fault of <paramref name="kind"/> whose endpoint prefix covers <paramref name="path"/>.</summary>
    public Fault? ForEndpoint(FaultKind kind, string path)
    {
        foreach (var fault in Active)
        {
            if (fault.Kind == kind && path.StartsWith(fault.Endpoint ?? "/", StringComparison.OrdinalIgnoreCase))
            {
                return fault;
            }
        }

        return null;
    }

    /// <summary>The first active fault of a kind that has no target beyond the service (device, model noise, store outage).</summary>
    public Fault? First(FaultKind kind)
    {
        foreach (var fault in Active)
        {
            if (fault.Kind == kind)
            {
                return fault;
            }
        }

        return null;
    }
}
