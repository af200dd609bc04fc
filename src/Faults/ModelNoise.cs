using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Distribution;

namespace HybridInference.Faults;

/// <summary>
/// The model-noise fault: Gaussian noise of the fault's standard deviation added to each value of the rows
/// it hits (each row at the fault's rate), clamped to [0,1] like real pixels. A copy is changed, never the
/// caller's buffer, so the request a client sent stays what it sent.
/// </summary>
public sealed class ModelNoise(FaultState state, IFaultRandom random, FaultMetrics metrics)
{
    /// <summary>The input the model should see now: <paramref name="input"/> itself, or a noisy copy.</summary>
    public float[] Apply(float[] input, int rows)
    {
        if (state.Current.First(FaultKind.ModelNoise) is not { Noise: { } sd } fault || rows <= 0)
        {
            return input;
        }

        var features = input.Length / rows;
        float[]? noisy = null;
        for (var row = 0; row < rows; row++)
        {
            if (fault.Rate < 1 && random.NextDouble() >= fault.Rate)
            {
                continue;
            }

            noisy ??= (float[])input.Clone();
            var span = noisy.AsSpan(row * features, features);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (float)Math.Clamp(span[i] + (sd * Gaussian()), 0, 1);
            }
        }

        if (noisy is not null)
        {
            metrics.Injected(fault);
        }

        return noisy ?? input;
    }

    // Box-Muller; 1 - u keeps the logarithm away from zero.
    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
