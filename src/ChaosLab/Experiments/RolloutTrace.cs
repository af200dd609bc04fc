namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// What a run saw of one rollout: whether the registry ever answered for it, the candidate (<c>model:version</c>,
/// as answers name their edge model version), every device that was a canary at any read, and each change.
/// </summary>
public sealed record RolloutTrace(string RolloutId, bool Seen, string? Model, int? Candidate, IReadOnlySet<string> CanaryDevices, IReadOnlyList<RolloutChange> Changes)
{
    /// <summary>The candidate as the router's answers name it (<c>edge_model_version</c>), e.g. <c>fashion-edge:3</c>.</summary>
    public string? CandidateVersion => Model is not null && Candidate is { } version ? $"{Model}:{version}" : null;
}
