using HybridInference.PredictionLog;

namespace HybridInference.Rollouts.Control;

/// <summary>The live traffic a rollout is judged on: the prediction records of a window, before any canary target splits them.</summary>
public interface IPredictionWindow
{
    Task<IReadOnlyList<PredictionRecord>> ReadAsync(DateTimeOffset from, DateTimeOffset to);
}
