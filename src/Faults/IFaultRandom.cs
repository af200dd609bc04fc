namespace HybridInference.Faults;

/// <summary>The randomness behind injection rates, jitter and noise, injected so tests feed fixed sequences.</summary>
public interface IFaultRandom
{
    /// <summary>A uniform number in [0,1).</summary>
    double NextDouble();
}
