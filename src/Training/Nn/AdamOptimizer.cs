namespace HybridInference.Training.Nn;

/// <summary>Adam with decoupled weight decay (AdamW).</summary>
internal sealed class AdamOptimizer(int parameterCount, float weightDecay)
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    private readonly float[] _m = new float[parameterCount];
    private readonly float[] _v = new float[parameterCount];
    private int _step;

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate)
    {
        _step++;
        var correction1 = 1f - MathF.Pow(Beta1, _step);
        var correction2 = 1f - MathF.Pow(Beta2, _step);
        var decay = 1f - (learningRate * weightDecay);
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradient[i];
            _m[i] = (Beta1 * _m[i]) + ((1f - Beta1) * g);
            _v[i] = (Beta2 * _v[i]) + ((1f - Beta2) * g * g);
            var update = (_m[i] / correction1) / (MathF.Sqrt(_v[i] / correction2) + Epsilon);
            parameters[i] = (parameters[i] * decay) - (learningRate * update);
        }
    }
}
