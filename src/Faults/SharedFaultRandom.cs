namespace HybridInference.Faults;

/// <summary>The production randomness: the thread-safe shared generator.</summary>
internal sealed class SharedFaultRandom : IFaultRandom
{
    public double NextDouble() => Random.Shared.NextDouble();
}
