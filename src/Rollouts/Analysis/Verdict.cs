using System.Text.Json.Serialization;
using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Analysis;

/// <summary>Argo Rollouts' analysis outcomes; too little data is <see cref="Inconclusive"/>, never a pass.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Verdict>))]
public enum Verdict
{
    Successful,
    Failed,
    Inconclusive,
}
