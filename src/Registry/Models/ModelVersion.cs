using System.Text.Json;

namespace HybridInference.Registry.Models;

/// <summary>One registered version of a model: its artifact, signature, lineage and card.</summary>
public sealed record ModelVersion(
    string Name,
    int Version,
    string Digest,
    long SizeBytes,
    IReadOnlyList<TensorSignature> Inputs,
    IReadOnlyList<TensorSignature> Outputs,
    int? ParentVersion,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset RegisteredAt,
    string RegisteredBy,
    JsonElement Card);

/// <summary>A graph input or output as ONNX Runtime reports it; "N" (or any name) marks a dynamic dimension.</summary>
public sealed record TensorSignature(string Name, string ElementType, IReadOnlyList<string> Shape)
{
    public bool SameAs(TensorSignature other) =>
        Name == other.Name && ElementType == other.ElementType && Shape.Count == other.Shape.Count
        && Shape.Zip(other.Shape).All(p => p.First == p.Second || (!IsFixed(p.First) && !IsFixed(p.Second)));

    public override string ToString() => $"{Name} {ElementType}[{string.Join(",", Shape)}]";

    private static bool IsFixed(string dimension) => int.TryParse(dimension, out _);
}
