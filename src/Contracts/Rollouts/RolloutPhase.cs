using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Rollouts;

/// <summary>Where a rollout is; <see cref="Promoted"/> and <see cref="RolledBack"/> are final.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RolloutPhase>))]
public enum RolloutPhase
{
    Progressing,
    Paused,
    Promoted,
    RolledBack,
}
