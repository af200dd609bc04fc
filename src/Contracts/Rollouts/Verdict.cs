using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Rollouts;

/// <summary>Argo Rollouts' analysis outcomes; too little data is <see cref="Inconclusive"/>, never a pass.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Verdict>))]
public enum Verdict
{
    Successful,
    Failed,
    Inconclusive,
}
