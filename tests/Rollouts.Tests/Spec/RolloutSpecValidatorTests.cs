using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Spec;

namespace HybridInference.Rollouts.Tests.Spec;

public class RolloutSpecValidatorTests
{
    [Fact]
    public void Defaults_WithAModelAndCandidate_AreValid() =>
        Assert.Empty(RolloutSpecValidator.Validate(new RolloutSpec { Model = "fashion-edge", CandidateVersion = 2 }));

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var errors = RolloutSpecValidator.Validate(new RolloutSpec
        {
            Model = "Fashion Edge",
            CandidateVersion = 2,
            CandidateAlias = "challenger",
            Steps = [10, 10, 101],
            IntervalSeconds = 0,
            FailureLimit = 0,
            Alpha = 0,
            Metrics = [new("accuracy", null), new("accuracy", 1), new("latency_p95", 0.5)],
            Webhooks = [new(null, "gate", "not a url"), new("x", "sometimes", "http://127.0.0.1:1/")],
        });

        string[] expected =
        [
            "'model' must be", "exactly one of", "steps' must increase", "steps[2]", "'intervalSeconds'", "'failureLimit'", "'alpha'",
            "'metrics[0].threshold' is required", "accuracy is listed twice", "'metrics[2].threshold' for latency_p95", "webhooks[0].name",
            "webhooks[0].url", "webhooks[1].type",
        ];
        Assert.All(expected, e => Assert.Contains(errors, error => error.Contains(e, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(new int[0], "at least one weight")]
    [InlineData(new[] { 5, 50 }, "last step must be 100")]
    [InlineData(new[] { -5, 100 }, "steps[0]")]
    public void BadSteps(int[] steps, string expected) =>
        Assert.Contains(RolloutSpecValidator.Validate(new RolloutSpec { Model = "m", CandidateVersion = 2, Steps = steps }), e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void SameStableAndCandidate_IsRefused() =>
        Assert.Contains(RolloutSpecValidator.Validate(new RolloutSpec { Model = "m", CandidateVersion = 2, StableVersion = 2 }), e => e.Contains("nothing to roll out", StringComparison.Ordinal));
}
