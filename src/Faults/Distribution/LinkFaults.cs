using HybridInference.Contracts.Chaos;

namespace HybridInference.Faults.Distribution;

/// <summary>The faults that act on one outbound call: at most one of each link kind.</summary>
public sealed record LinkFaults(string Destination, Fault? Latency, Fault? Error, Fault? Partition)
{
    public static LinkFaults None { get; } = new("", null, null, null);

    public bool IsEmpty => Latency is null && Error is null && Partition is null;
}
