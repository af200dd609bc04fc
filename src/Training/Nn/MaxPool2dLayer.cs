namespace HybridInference.Training.Nn;

/// <summary>2x2 max pooling with stride 2 on a [channels, side, side] image (side even).</summary>
public sealed class MaxPool2dLayer : Layer
{
    public MaxPool2dLayer(int channels, int side)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (side <= 0 || side % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "the side must be positive and even");
        }

        Channels = channels;
        Side = side;
    }

    public int Channels { get; }

    public int Side { get; }

    public int OutputSide => Side / 2;

    public override int InputSize => Channels * Side * Side;

    public override int OutputSize => Channels * OutputSide * OutputSide;

    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
    {
        var o = 0;
        for (var c = 0; c < Channels; c++)
        {
            for (var y = 0; y < OutputSide; y++)
            {
                for (var x = 0; x < OutputSide; x++)
                {
                    output[o++] = input[ArgMax(input, c, y, x)];
                }
            }
        }
    }

    public override void Backward(in BackwardPass pass)
    {
        var inputGradient = pass.InputGradient;
        if (inputGradient.IsEmpty)
        {
            return;
        }

        inputGradient.Clear();
        var input = pass.Input;
        var outputGradient = pass.OutputGradient;
        var o = 0;
        for (var c = 0; c < Channels; c++)
        {
            for (var y = 0; y < OutputSide; y++)
            {
                for (var x = 0; x < OutputSide; x++)
                {
                    inputGradient[ArgMax(input, c, y, x)] += outputGradient[o++];
                }
            }
        }
    }

    private int ArgMax(ReadOnlySpan<float> input, int channel, int outY, int outX)
    {
        var topLeft = (channel * Side * Side) + (2 * outY * Side) + (2 * outX);
        var best = topLeft;
        best = input[topLeft + 1] > input[best] ? topLeft + 1 : best;
        best = input[topLeft + Side] > input[best] ? topLeft + Side : best;
        best = input[topLeft + Side + 1] > input[best] ? topLeft + Side + 1 : best;
        return best;
    }
}
