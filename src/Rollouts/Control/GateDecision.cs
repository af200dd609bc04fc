namespace HybridInference.Rollouts.Control;

/// <summary>A gate webhook's answer before a step: go on, hold the step (ask again next interval), or abort.</summary>
public sealed record GateDecision(GateAction Action, string Reason)
{
    public static GateDecision Proceed { get; } = new(GateAction.Proceed, "");
}

public enum GateAction
{
    Proceed,
    Hold,
    Abort,
}
