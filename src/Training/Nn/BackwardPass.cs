namespace HybridInference.Training.Nn;

/// <summary>
/// What one layer's backward step reads and writes for one sample, passed as one argument so that every
/// layer's override names only what it uses.
/// </summary>
public readonly ref struct BackwardPass(
    ReadOnlySpan<float> parameters,
    ReadOnlySpan<float> input,
    ReadOnlySpan<float> output,
    ReadOnlySpan<float> outputGradient,
    Span<float> inputGradient,
    Span<float> parameterGradient,
    Span<float> scratch)
{
    /// <summary>The layer's slice of the network's parameters.</summary>
    public ReadOnlySpan<float> Parameters { get; } = parameters;

    /// <summary>The input the forward step was given.</summary>
    public ReadOnlySpan<float> Input { get; } = input;

    /// <summary>The output the forward step wrote.</summary>
    public ReadOnlySpan<float> Output { get; } = output;

    /// <summary>The loss gradient with respect to <see cref="Output"/>.</summary>
    public ReadOnlySpan<float> OutputGradient { get; } = outputGradient;

    /// <summary>Where the gradient with respect to <see cref="Input"/> goes; empty when none is needed (the first layer).</summary>
    public Span<float> InputGradient { get; } = inputGradient;

    /// <summary>The layer's slice of the parameter gradient, added to (not overwritten).</summary>
    public Span<float> ParameterGradient { get; } = parameterGradient;

    /// <summary>Temporary memory of at least <see cref="Layer.ScratchSize"/> floats.</summary>
    public Span<float> Scratch { get; } = scratch;
}
