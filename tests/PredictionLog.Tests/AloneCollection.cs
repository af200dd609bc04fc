namespace HybridInference.PredictionLog.Tests;

/// <summary>Tests that measure the process's heap run alone: other tests' hosts would be counted in it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
