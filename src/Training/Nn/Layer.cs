namespace HybridInference.Training.Nn;

/// <summary>
/// One differentiable step of a <see cref="Network"/>, applied to a single sample. Parameters live in the
/// network's flat parameter array so that the optimizer and the gradient reduction handle one vector.
/// </summary>
public abstract class Layer
{
    public abstract int InputSize { get; }

    public abstract int OutputSize { get; }

    public virtual int ParameterCount => 0;

    /// <summary>Floats of temporary memory one forward or backward call needs.</summary>
    public virtual int ScratchSize => 0;

    public virtual void Initialize(Span<float> parameters, Random random)
    {
    }

    public abstract void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch);

    /// <summary>
    /// Adds this sample's parameter gradient to <see cref="BackwardPass.ParameterGradient"/> and writes the input
    /// gradient, unless <see cref="BackwardPass.InputGradient"/> is empty (the first layer needs none).
    /// </summary>
    public abstract void Backward(in BackwardPass pass);

    /// <summary>He-normal initialisation, the usual choice in front of a ReLU.</summary>
    protected static void FillHeNormal(Span<float> weights, int fanIn, Random random)
    {
        var std = Math.Sqrt(2.0 / fanIn);
        for (var i = 0; i < weights.Length; i++)
        {
            // Box-Muller from the seeded generator keeps initialisation reproducible.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            weights[i] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
    }
}
