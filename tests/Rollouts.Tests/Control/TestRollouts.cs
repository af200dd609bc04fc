using HybridInference.PredictionLog;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Tests.Control;

/// <summary>Rollout documents and prediction records as the engine would have them, for the canary targets' tests.</summary>
internal static class TestRollouts
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static Rollout Edge(int weight, params string[] canaries) => new()
    {
        Id = "fashion-edge-1",
        Spec = new RolloutSpec { Model = "fashion-edge", CandidateVersion = 2, Steps = [25, 50, 100] },
        Model = "fashion-edge",
        Candidate = 2,
        Stable = 1,
        Weight = weight,
        CanaryDevices = canaries,
        StartedAt = Start,
        StepStartedAt = Start,
        StartedBy = "test",
    };

    /// <summary>An edge rollout at 25 % with these webhooks.</summary>
    public static Rollout WithHooks(WebhookSpec hook, params WebhookSpec[] more)
    {
        var rollout = Edge(25);
        return rollout with { Spec = rollout.Spec with { Webhooks = [hook, .. more] } };
    }

    public static Rollout Cloud(int weight, bool serving = false) => new()
    {
        Id = "fashion-cloud-1",
        Spec = new RolloutSpec { Model = "fashion-cloud", CandidateVersion = 2, Steps = [5, 25, 100], Metrics = CloudModels.DefaultMetrics },
        Model = "fashion-cloud",
        Candidate = 2,
        Stable = 1,
        Weight = weight,
        CloudRoute = "fashion",
        CloudServing = serving,
        StartedAt = Start,
        StepStartedAt = Start,
        StartedBy = "test",
    };

    /// <summary>An edge answer of <paramref name="device"/> with <paramref name="version"/>, right or wrong.</summary>
    public static PredictionRecord EdgeAnswer(string device, int version, bool correct) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Timestamp = Start,
        Model = "fashion",
        Tier = "edge",
        Site = "site-1",
        Device = device,
        EdgeVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        EdgeClass = correct ? 3 : 4,
        EdgeConfidence = 0.9,
        EdgeLatencyMs = 2,
        TotalLatencyMs = 3,
        Label = 3,
    };

    /// <summary>A cloud answer of <paramref name="version"/> asked from <paramref name="device"/>'s escalation.</summary>
    public static PredictionRecord CloudAnswer(string device, int version) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Timestamp = Start,
        Model = "fashion",
        Tier = "cloud",
        Device = device,
        EdgeVersion = "1",
        EdgeClass = 0,
        EdgeConfidence = 0.5,
        CloudVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CloudClass = 3,
        CloudConfidence = 0.8,
        CloudLatencyMs = 40,
        EscalationReason = "low-confidence",
        TotalLatencyMs = 60,
        Label = 3,
    };
}
