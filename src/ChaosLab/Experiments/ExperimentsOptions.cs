namespace HybridInference.ChaosLab.Experiments;

/// <summary>The <c>Experiments</c> settings: where experiment files and test images are, and where the router is.</summary>
public sealed class ExperimentsOptions
{
    public const string SectionName = "Experiments";

    /// <summary>Folder of <c>{name}.json</c> files; default: <c>experiments/</c> of the repository ChaosLab runs from.</summary>
    public string? Directory { get; set; }

    /// <summary>Folder holding the Fashion-MNIST test split; default: the repository's <c>data/fashion-mnist</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The router's base address; <c>http://router</c> resolves through service discovery (the AppHost's reference).</summary>
    public string RouterAddress { get; set; } = "http://router";

    /// <summary>The registry's base address, for following the rollouts a <c>rollout-start</c> action began.</summary>
    public string RegistryAddress { get; set; } = "http://registry";
}
