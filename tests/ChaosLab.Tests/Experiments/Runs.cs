using HybridInference.ChaosLab.Experiments;

namespace HybridInference.ChaosLab.Tests.Experiments;

/// <summary>Small experiments and runs for the tests of the runner's parts.</summary>
internal static class Runs
{
    public static Experiment Experiment(int maxUnanswered = 0, double maxErrorRate = 0.2, int minRequests = 4) => new(
        "x1", "a test", new Experiment.TrafficPlan(10, 4, TimeSpan.FromSeconds(30), 0, TimeSpan.FromSeconds(10), false),
        new Experiment.SteadyState(maxUnanswered, null, false, TimeSpan.Zero, null), [], new Experiment.SafetyLimit(maxErrorRate, minRequests, TimeSpan.FromSeconds(5)));

    public static ExperimentRun Start(TimeProvider time, List<ExperimentReport> published, Experiment? experiment = null) =>
        new("r-1", experiment ?? Experiment(), time, published.Add, () => []);

    public static RequestSample Sample(int i, double atMs, int status) => new($"r-1-{i}", atMs, 10, status, 3, status == 200 ? 3 : null);
}
