namespace HybridInference.Contracts.Registry;

/// <summary>A model card's graph input or output: name, element type, shape ("N" = dynamic batch) and meaning.</summary>
public sealed record TensorSpec(string Name, string ElementType, IReadOnlyList<string> Shape, string Description);
