namespace HybridInference.Contracts.Chaos;

/// <summary>The action kinds of an experiment file.</summary>
public static class ActionKinds
{
    public const string Kill = "kill";
    public const string Start = "start";
    public const string ModelUpdate = "model-update";

    /// <summary>
    /// The harness registers a candidate of <c>model</c> and starts a rollout of it on the registry; it confirms with
    /// the rollout's id as the detail, which the runner then follows on the registry's <c>GET /api/rollouts/{id}</c>.
    /// </summary>
    public const string RolloutStart = "rollout-start";

    public static readonly IReadOnlyList<string> All = [Kill, Start, ModelUpdate, RolloutStart];
}
