namespace HybridInference.Router.Routing;

/// <summary>Why a request went (or would have gone) to the cloud.</summary>
public enum EscalationKind
{
    LowConfidence,
    Priority,
    Rule,
    Audit,
    Fallback,
}
