namespace HybridInference.Faults.Tests;

/// <summary>Feeds a fixed sequence (repeating its last value), so rates and jitter are exact in tests.</summary>
internal sealed class FixedRandom(params double[] values) : IFaultRandom
{
    private int _next;

    public int Calls => _next;

    public double NextDouble()
    {
        var index = Interlocked.Increment(ref _next) - 1;
        return values[Math.Min(index, values.Length - 1)];
    }
}
