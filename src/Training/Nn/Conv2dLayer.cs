using System.Numerics.Tensors;

namespace HybridInference.Training.Nn;

/// <summary>
/// Square convolution, stride 1, "same" zero padding, on a [channels, side, side] image. Weights are
/// [outChannels, inChannels, k, k] like ONNX Conv. Implemented as im2col + dot products: the column
/// matrix holds one receptive field per output position, contiguous, so every output is one vector dot.
/// </summary>
public sealed class Conv2dLayer : Layer
{
    // Built once: the same receptive fields are gathered for every sample and scattered back for every gradient.
    private readonly int[] _columnSources;

    public Conv2dLayer(int inChannels, int outChannels, int side, int kernel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        if (kernel <= 0 || kernel % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "the kernel must be odd for same padding");
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        Side = side;
        Kernel = kernel;
        _columnSources = ColumnSources();
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public int Side { get; }

    public int Kernel { get; }

    public int Padding => Kernel / 2;

    public override int InputSize => InChannels * Side * Side;

    public override int OutputSize => OutChannels * Side * Side;

    public int WeightCount => OutChannels * FieldSize;

    public override int ParameterCount => WeightCount + OutChannels;

    // Column matrix plus its gradient.
    public override int ScratchSize => 2 * Positions * FieldSize;

    private int FieldSize => InChannels * Kernel * Kernel;

    private int Positions => Side * Side;

    public override void Initialize(Span<float> parameters, Random random)
    {
        FillHeNormal(parameters[..WeightCount], FieldSize, random);
        parameters[WeightCount..].Clear();
    }

    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
    {
        var columns = scratch[..(Positions * FieldSize)];
        ImageToColumns(input, columns);
        var bias = parameters[WeightCount..];
        for (var c = 0; c < OutChannels; c++)
        {
            var weights = parameters.Slice(c * FieldSize, FieldSize);
            var outputChannel = output.Slice(c * Positions, Positions);
            for (var p = 0; p < Positions; p++)
            {
                outputChannel[p] = TensorPrimitives.Dot(weights, columns.Slice(p * FieldSize, FieldSize)) + bias[c];
            }
        }
    }

    public override void Backward(in BackwardPass pass)
    {
        var parameters = pass.Parameters;
        var inputGradient = pass.InputGradient;
        var parameterGradient = pass.ParameterGradient;
        var scratch = pass.Scratch;
        var columnCount = Positions * FieldSize;
        var columns = scratch[..columnCount];
        var columnGradient = scratch.Slice(columnCount, columnCount);
        ImageToColumns(pass.Input, columns);
        var needInputGradient = !inputGradient.IsEmpty;
        if (needInputGradient)
        {
            columnGradient.Clear();
        }

        var biasGradient = parameterGradient[WeightCount..];
        for (var c = 0; c < OutChannels; c++)
        {
            var weights = parameters.Slice(c * FieldSize, FieldSize);
            var weightGradient = parameterGradient.Slice(c * FieldSize, FieldSize);
            for (var p = 0; p < Positions; p++)
            {
                // Behind ReLU + max pooling most output gradients are exactly zero: skipping them is the main speed-up.
                var g = pass.OutputGradient[(c * Positions) + p];
                if (g == 0f)
                {
                    continue;
                }

                TensorPrimitives.MultiplyAdd(columns.Slice(p * FieldSize, FieldSize), g, weightGradient, weightGradient);
                biasGradient[c] += g;
                if (needInputGradient)
                {
                    var field = columnGradient.Slice(p * FieldSize, FieldSize);
                    TensorPrimitives.MultiplyAdd(weights, g, field, field);
                }
            }
        }

        if (needInputGradient)
        {
            ColumnsToImage(columnGradient, inputGradient);
        }
    }

    private void ImageToColumns(ReadOnlySpan<float> image, Span<float> columns)
    {
        var sources = _columnSources;
        for (var i = 0; i < sources.Length; i++)
        {
            columns[i] = sources[i] >= 0 ? image[sources[i]] : 0f;
        }
    }

    private void ColumnsToImage(ReadOnlySpan<float> columns, Span<float> image)
    {
        image.Clear();
        var sources = _columnSources;
        for (var i = 0; i < sources.Length; i++)
        {
            if (sources[i] >= 0)
            {
                image[sources[i]] += columns[i];
            }
        }
    }

    /// <summary>
    /// For each entry of the column matrix (output position, then channel, then kernel row and column), the
    /// image element it holds, or -1 where the receptive field overhangs the border (the zero padding).
    /// </summary>
    private int[] ColumnSources()
    {
        var k = Kernel;
        var pad = Padding;
        var sources = new int[Positions * FieldSize];
        var index = 0;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                for (var ch = 0; ch < InChannels; ch++)
                {
                    for (var ky = 0; ky < k; ky++)
                    {
                        var sy = y + ky - pad;
                        for (var kx = 0; kx < k; kx++)
                        {
                            var sx = x + kx - pad;
                            sources[index++] = sy >= 0 && sy < Side && sx >= 0 && sx < Side ? (ch * Positions) + (sy * Side) + sx : -1;
                        }
                    }
                }
            }
        }

        return sources;
    }
}
