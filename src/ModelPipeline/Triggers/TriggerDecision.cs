namespace HybridInference.ModelPipeline.Triggers;

/// <summary>Whether a run is due now, and why (or why not), in words for the log.</summary>
public sealed record TriggerDecision(bool Run, string Reason);
