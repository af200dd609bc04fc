namespace HybridInference.Training.Nn;

/// <summary>Per-thread buffers for forward and backward passes of one <see cref="Network"/>.</summary>
internal sealed class NetworkWorkspace
{
    private readonly float[][] _activations;
    private readonly float[][] _gradients;

    public NetworkWorkspace(Network network)
    {
        _activations = network.Layers.Select(l => new float[l.OutputSize]).ToArray();
        _gradients = network.Layers.Select(l => new float[l.InputSize]).ToArray();
        Scratch = new float[network.Layers.Max(l => l.ScratchSize)];
        ParameterGradient = new float[network.Parameters.Length];
        Probabilities = new float[network.OutputSize];
    }

    public float[] Scratch { get; }

    /// <summary>Sum of the parameter gradients of the samples processed since the last clear.</summary>
    public float[] ParameterGradient { get; }

    public float[] Probabilities { get; }

    public Span<float> Activation(int layer) => _activations[layer];

    // One buffer per layer input: back-propagation reads a layer's output gradient while writing its input gradient.
    public Span<float> GradientBuffer(int layer) => _gradients[layer];
}
