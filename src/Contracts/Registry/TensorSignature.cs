using System.Globalization;

namespace HybridInference.Contracts.Registry;

/// <summary>A graph input or output as ONNX Runtime reports it; "N" (or any name) marks a dynamic dimension.</summary>
public sealed record TensorSignature(string Name, string ElementType, IReadOnlyList<string> Shape)
{
    /// <summary>Same name, type and rank, with equal fixed dimensions; two dynamic dimensions match whatever they are called.</summary>
    public bool SameAs(TensorSignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Name == other.Name && ElementType == other.ElementType && Shape.Count == other.Shape.Count
            && Shape.Zip(other.Shape).All(p => p.First == p.Second || (!IsFixed(p.First) && !IsFixed(p.Second)));
    }

    public override string ToString() => $"{Name} {ElementType}[{string.Join(",", Shape)}]";

    private static bool IsFixed(string dimension) => int.TryParse(dimension, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
