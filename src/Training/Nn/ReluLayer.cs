using System.Numerics.Tensors;

namespace HybridInference.Training.Nn;

/// <summary>Element-wise max(x, 0).</summary>
public sealed class ReluLayer(int size) : Layer
{
    public override int InputSize { get; } = size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size));

    public override int OutputSize => InputSize;

    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch) =>
        TensorPrimitives.Max(input, 0f, output);

    public override void Backward(in BackwardPass pass)
    {
        var inputGradient = pass.InputGradient;
        for (var i = 0; i < inputGradient.Length; i++)
        {
            inputGradient[i] = pass.Output[i] > 0f ? pass.OutputGradient[i] : 0f;
        }
    }
}
