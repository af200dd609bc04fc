using System.Numerics.Tensors;

namespace HybridInference.Training.Nn;

/// <summary>
/// Fully connected layer y = W x + b with W stored [outputs, inputs] row-major, which is ONNX Gemm's B
/// with transB = 1, so export copies the weights unchanged.
/// </summary>
public sealed class DenseLayer(int inputs, int outputs) : Layer
{
    public override int InputSize { get; } = inputs > 0 ? inputs : throw new ArgumentOutOfRangeException(nameof(inputs));

    public override int OutputSize { get; } = outputs > 0 ? outputs : throw new ArgumentOutOfRangeException(nameof(outputs));

    public override int ParameterCount => (InputSize * OutputSize) + OutputSize;

    public int WeightCount => InputSize * OutputSize;

    public override void Initialize(Span<float> parameters, Random random)
    {
        FillHeNormal(parameters[..WeightCount], InputSize, random);
        parameters[WeightCount..].Clear();
    }

    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
    {
        var bias = parameters[WeightCount..];
        for (var o = 0; o < OutputSize; o++)
        {
            output[o] = TensorPrimitives.Dot(parameters.Slice(o * InputSize, InputSize), input) + bias[o];
        }
    }

    public override void Backward(in BackwardPass pass)
    {
        var input = pass.Input;
        var inputGradient = pass.InputGradient;
        var parameterGradient = pass.ParameterGradient;
        var biasGradient = parameterGradient[WeightCount..];
        if (!inputGradient.IsEmpty)
        {
            inputGradient.Clear();
        }

        for (var o = 0; o < OutputSize; o++)
        {
            var g = pass.OutputGradient[o];
            if (g == 0f)
            {
                continue;
            }

            var weightGradient = parameterGradient.Slice(o * InputSize, InputSize);
            TensorPrimitives.MultiplyAdd(input, g, weightGradient, weightGradient);
            biasGradient[o] += g;
            if (!inputGradient.IsEmpty)
            {
                TensorPrimitives.MultiplyAdd(pass.Parameters.Slice(o * InputSize, InputSize), g, inputGradient, inputGradient);
            }
        }
    }

    /// <summary>Multiplies weights and bias by <paramref name="factor"/>: folds a softmax temperature into the logits.</summary>
    public void Scale(Span<float> parameters, float factor) => TensorPrimitives.Multiply(parameters, factor, parameters);
}
