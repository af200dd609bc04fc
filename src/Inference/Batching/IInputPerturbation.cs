namespace HybridInference.Inference.Batching;

/// <summary>
/// Hook on the serving path before each model execution. ChaosLab's model-noise fault uses it on an edge
/// node to change what the model really sees (noisy inputs), so drift detection and rollback meet a model
/// that is genuinely less accurate, not a faked answer.
/// </summary>
public interface IInputPerturbation
{
    /// <summary>The input to run for <paramref name="rows"/> rows: <paramref name="input"/> itself or a changed copy (never changed in place).</summary>
    float[] Apply(float[] input, int rows);
}
