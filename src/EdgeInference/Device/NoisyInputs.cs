using HybridInference.Faults;
using HybridInference.Inference.Batching;

namespace HybridInference.EdgeInference.Device;

/// <summary>Puts ChaosLab's model-noise fault on the edge node's serving path (nothing when faults are off).</summary>
internal sealed class NoisyInputs(ModelNoise? noise = null) : IInputPerturbation
{
    public float[] Apply(float[] input, int rows) => noise is null ? input : noise.Apply(input, rows);
}
