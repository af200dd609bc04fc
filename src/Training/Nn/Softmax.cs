using System.Numerics.Tensors;

namespace HybridInference.Training.Nn;

/// <summary>Numerically stable softmax and the cross-entropy gradient.</summary>
public static class Softmax
{
    public static void Apply(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        TensorPrimitives.Divide(probabilities, TensorPrimitives.Sum(probabilities), probabilities);
    }

    /// <summary>Turns probabilities into d(cross-entropy)/d(logits) in place and returns the loss.</summary>
    public static float CrossEntropyGradient(Span<float> probabilities, int label)
    {
        var loss = -MathF.Log(MathF.Max(probabilities[label], 1e-12f));
        probabilities[label] -= 1f;
        return loss;
    }
}
