namespace HybridInference.ModelPipeline;

/// <summary>The checks of one step, in the order they ran; it passes only when every check passed.</summary>
public sealed record CheckReport(string Step, IReadOnlyList<CheckResult> Checks)
{
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    public IEnumerable<string> Lines() => Checks.Select(c => "  " + c);
}
