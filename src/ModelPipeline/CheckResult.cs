namespace HybridInference.ModelPipeline;

/// <summary>
/// One data check or evaluation gate: what was measured, against which threshold, and the verdict. The
/// measured value is always shown, passed or not, so an operator never has to guess how close it was.
/// </summary>
public sealed record CheckResult(string Name, bool Passed, string Measured, string Threshold, string Detail)
{
    /// <summary>A check that could not run counts as failed: a check with no data never passes.</summary>
    public static CheckResult NotRun(string name, string threshold, string reason) => new(name, false, "not measured", threshold, reason);

    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")}  {Name}: {Measured} (threshold {Threshold}){(Detail.Length > 0 ? "; " + Detail : "")}";
}
