using HybridInference.ModelPipeline.State;

namespace HybridInference.ModelPipeline;

/// <summary>How a run ended: its document, and the values an operator or a test looks for first.</summary>
public sealed record PipelineResult(PipelineRun Run)
{
    public bool Succeeded => Run.Status == RunStatus.Succeeded;

    public string? FailedStep => Run.Steps.FirstOrDefault(s => s.Status == StepStatus.Failed)?.Name;

    public int? CandidateVersion => Output(PipelineSteps.Register, "candidateVersion") is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string? RolloutId => Output(PipelineSteps.Rollout, "rolloutId");

    public int ExitCode => Run.Status is RunStatus.Succeeded or RunStatus.Stopped ? PipelineExitCodes.Success : PipelineExitCodes.GateFailed;

    private string? Output(string step, string key) => Run.Step(step).Outputs.TryGetValue(key, out var value) ? value : null;
}
