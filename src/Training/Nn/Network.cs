namespace HybridInference.Training.Nn;

/// <summary>
/// A feed-forward stack of layers over one flat parameter vector. Forward passes are per sample and
/// independent, so batch prediction parallelises without changing any result.
/// </summary>
public sealed class Network
{
    private readonly int[] _offsets;

    public Network(IReadOnlyList<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("a network needs at least one layer", nameof(layers));
        }

        for (var i = 1; i < layers.Count; i++)
        {
            if (layers[i].InputSize != layers[i - 1].OutputSize)
            {
                throw new ArgumentException(
                    $"layer {i} ({layers[i].GetType().Name}) takes {layers[i].InputSize} values but layer {i - 1} gives {layers[i - 1].OutputSize}",
                    nameof(layers));
            }
        }

        Layers = [.. layers];
        _offsets = new int[layers.Count + 1];
        for (var i = 0; i < layers.Count; i++)
        {
            _offsets[i + 1] = _offsets[i] + layers[i].ParameterCount;
        }

        Parameters = new float[_offsets[^1]];
    }

    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>All weights and biases, layer after layer.</summary>
    public float[] Parameters { get; }

    public int InputSize => Layers[0].InputSize;

    public int OutputSize => Layers[^1].OutputSize;

    public void Initialize(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = 0; i < Layers.Count; i++)
        {
            Layers[i].Initialize(LayerParameters(i), random);
        }
    }

    public Span<float> LayerParameters(int layer) => Parameters.AsSpan(_offsets[layer], _offsets[layer + 1] - _offsets[layer]);

    internal Span<float> LayerSlice(Span<float> vector, int layer) => vector.Slice(_offsets[layer], _offsets[layer + 1] - _offsets[layer]);

    /// <summary>Runs one sample; the logits are left in the workspace's last activation.</summary>
    internal ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, NetworkWorkspace workspace)
    {
        var current = input;
        for (var i = 0; i < Layers.Count; i++)
        {
            var output = workspace.Activation(i);
            Layers[i].Forward(LayerParameters(i), current, output, workspace.Scratch);
            current = output;
        }

        return current;
    }

    /// <summary>
    /// Back-propagates <paramref name="logitGradient"/> for the sample last passed to <see cref="Forward"/>,
    /// adding the parameter gradient to the workspace's accumulator.
    /// </summary>
    internal void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> logitGradient, NetworkWorkspace workspace)
    {
        var outputGradient = logitGradient;
        for (var i = Layers.Count - 1; i >= 0; i--)
        {
            var layerInput = i == 0 ? input : workspace.Activation(i - 1);
            var inputGradient = i == 0 ? Span<float>.Empty : workspace.GradientBuffer(i);
            Layers[i].Backward(new BackwardPass(
                LayerParameters(i),
                layerInput,
                workspace.Activation(i),
                outputGradient,
                inputGradient,
                LayerSlice(workspace.ParameterGradient, i),
                workspace.Scratch));
            outputGradient = inputGradient;
        }
    }

    /// <summary>Class probabilities (softmax of the logits) for <paramref name="count"/> images, row after row.</summary>
    public float[] PredictProbabilities(ReadOnlySpan<float> pixels, int count) => Predict(pixels, count, softmax: true);

    /// <summary>Raw logits for <paramref name="count"/> images, row after row.</summary>
    public float[] PredictLogits(ReadOnlySpan<float> pixels, int count) => Predict(pixels, count, softmax: false);

    private float[] Predict(ReadOnlySpan<float> pixels, int count, bool softmax)
    {
        if (pixels.Length != count * InputSize)
        {
            throw new ArgumentException($"{pixels.Length} values are not {count} inputs of {InputSize}", nameof(pixels));
        }

        var result = new float[count * OutputSize];
        var input = pixels.ToArray();
        Parallel.For(
            0,
            count,
            () => new NetworkWorkspace(this),
            (i, _, workspace) =>
            {
                var logits = Forward(input.AsSpan(i * InputSize, InputSize), workspace);
                var row = result.AsSpan(i * OutputSize, OutputSize);
                if (softmax)
                {
                    Softmax.Apply(logits, row);
                }
                else
                {
                    logits.CopyTo(row);
                }

                return workspace;
            },
            _ => { });
        return result;
    }

    /// <summary>
    /// Divides the logits by <paramref name="temperature"/> by scaling the last dense layer, so the exported
    /// graph carries the calibration without an extra operator.
    /// </summary>
    public void FoldTemperature(float temperature)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        if (Layers[^1] is not DenseLayer last)
        {
            throw new InvalidOperationException("temperature folding needs a dense last layer");
        }

        last.Scale(LayerParameters(Layers.Count - 1), 1f / temperature);
    }
}
