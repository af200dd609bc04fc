using HybridInference.PredictionLog;

namespace HybridInference.Rollouts.Control;

/// <summary>The prediction log the router writes: real requests, with labels where clients sent them.</summary>
public sealed class PredictionLogWindow(PredictionStore predictions) : IPredictionWindow
{
    public Task<IReadOnlyList<PredictionRecord>> ReadAsync(DateTimeOffset from, DateTimeOffset to) => predictions.ReadWindowAsync(from, to);
}
