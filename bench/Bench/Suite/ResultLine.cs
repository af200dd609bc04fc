using HybridInference.Bench.Load;

namespace HybridInference.Bench.Suite;

/// <summary>One line of issue 9's table.</summary>
/// <param name="Number">The line's number in the issue (1-8).</param>
/// <param name="Measurement">What was compared with what.</param>
/// <param name="Result">The figures, in words.</param>
/// <param name="Ratio">The line's ratio, where it has one.</param>
/// <param name="Goal">The goal as the issues state it; empty where the issue sets none.</param>
/// <param name="GoalMet">Whether the ratio meets the goal; null where there is no goal or nothing to judge.</param>
/// <param name="LoadAverage">The machine's 1-minute load average when the line was measured (2 cores: above 2 means queued work).</param>
/// <param name="Loads">Every load measurement behind the line, from this project's generator and from the external tools.</param>
public sealed record ResultLine(
    int Number,
    string Measurement,
    string Result,
    double? Ratio,
    string Goal,
    bool? GoalMet,
    double LoadAverage,
    IReadOnlyList<LoadResult> Loads);
