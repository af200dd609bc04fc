namespace HybridInference.Training.Nn;

/// <summary>Mini-batch Adam settings; validated by <see cref="Validate"/> before any work starts.</summary>
public sealed record TrainerOptions
{
    /// <value>Passes over the training set. Defaults to 5.</value>
    public int Epochs { get; init; } = 5;

    /// <value>Samples per gradient step. Defaults to 64.</value>
    public int BatchSize { get; init; } = 64;

    /// <value>Adam's peak learning rate, decayed to zero on a cosine. Defaults to 0.001.</value>
    public float LearningRate { get; init; } = 1e-3f;

    /// <value>Decoupled (AdamW) weight decay per step, relative to the learning rate. Defaults to 0.0001.</value>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <value>Seeds initialisation and shuffling. Defaults to 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Every invalid field, in one exception.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Epochs is < 1 or > 1000)
        {
            errors.Add($"Epochs must be 1..1000 (was {Epochs})");
        }

        if (BatchSize is < 1 or > 65536)
        {
            errors.Add($"BatchSize must be 1..65536 (was {BatchSize})");
        }

        if (!(LearningRate > 0f && LearningRate < 1f))
        {
            errors.Add($"LearningRate must be in (0,1) (was {LearningRate})");
        }

        if (!(WeightDecay >= 0f && WeightDecay < 1f))
        {
            errors.Add($"WeightDecay must be in [0,1) (was {WeightDecay})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid trainer options: " + string.Join("; ", errors));
        }
    }
}
