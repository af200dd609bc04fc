using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Tests.State;

/// <summary>
/// The rollout document as the store holds it and the registry serves it: the contracts' source-generated context
/// writes the same bytes as the store's options, and both are today's document (the golden JSON below).
/// </summary>
public class RolloutJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private const string Golden = """
        {
          "id": "fashion-edge-20261128120000-abc123",
          "spec": {
            "model": "fashion-edge", "candidateVersion": 2, "candidateAlias": null, "stableVersion": 1, "steps": [25, 100],
            "intervalSeconds": 60, "successesPerStep": 1, "failureLimit": 2, "inconclusiveLimit": 10, "minSamples": 50, "alpha": 0.05,
            "metrics": [{ "name": "accuracy", "threshold": 2 }, { "name": "latency_p95", "threshold": null }],
            "webhooks": [{ "name": "hold", "type": "gate", "url": "http://gate.example/hook", "secret": "s3cret" }],
            "actor": "alice", "reason": "try v2"
          },
          "model": "fashion-edge", "candidate": 2, "stable": 1, "phase": "rolled-back", "step": 0, "weight": 0,
          "cloudRoute": null, "cloudServing": false, "canaryDevices": ["edge-1"], "successesAtStep": 0, "failedAnalyses": 2,
          "inconclusiveInARow": 0, "startedAt": "2026-11-28T12:00:00+00:00", "stepStartedAt": "2026-11-28T12:00:00+00:00",
          "lastAnalysisAt": "2026-11-28T12:02:00+00:00", "finishedAt": "2026-11-28T12:02:00+00:00", "startedBy": "alice", "heldBy": null,
          "events": [
            { "at": "2026-11-28T12:00:00+00:00", "kind": "started", "message": "canary 25 %", "actor": "alice", "weight": 25 },
            { "at": "2026-11-28T12:02:00+00:00", "kind": "rolled-back", "message": "2 failed analyses", "actor": "controller", "weight": 0 }
          ],
          "analyses": [
            {
              "at": "2026-11-28T12:01:00+00:00", "windowStart": "2026-11-28T12:00:00+00:00", "step": 0, "weight": 25, "verdict": "failed",
              "metrics": [
                {
                  "name": "accuracy", "threshold": 2, "canaryValue": 80.5, "controlValue": 90, "degradation": 9.5, "canarySamples": 120,
                  "controlSamples": 360, "pValue": 0.001, "verdict": "failed", "reason": "accuracy dropped 9.5 points"
                },
                {
                  "name": "latency_p95", "threshold": 1.5, "canaryValue": null, "controlValue": null, "degradation": null, "canarySamples": 0,
                  "controlSamples": 0, "pValue": null, "verdict": "inconclusive", "reason": "too few samples"
                }
              ]
            }
          ],
          "isFinished": true
        }
        """;

    private static Rollout Sample() => new()
    {
        Id = "fashion-edge-20261128120000-abc123",
        Spec = new RolloutSpec
        {
            Model = "fashion-edge",
            CandidateVersion = 2,
            StableVersion = 1,
            Steps = [25, 100],
            Metrics = [new(MetricNames.Accuracy, 2.0), new(MetricNames.LatencyP95, null)],
            Webhooks = [new("hold", WebhookTypes.Gate, "http://gate.example/hook", "s3cret")],
            Actor = "alice",
            Reason = "try v2",
        },
        Model = "fashion-edge",
        Candidate = 2,
        Stable = 1,
        Phase = RolloutPhase.RolledBack,
        CanaryDevices = ["edge-1"],
        FailedAnalyses = 2,
        StartedAt = T0,
        StepStartedAt = T0,
        LastAnalysisAt = T0.AddMinutes(2),
        FinishedAt = T0.AddMinutes(2),
        StartedBy = "alice",
        Events = [new(T0, "started", "canary 25 %", "alice", 25), new(T0.AddMinutes(2), "rolled-back", "2 failed analyses", "controller", 0)],
        Analyses =
        [
            new(T0.AddMinutes(1), T0, 0, 25, Verdict.Failed,
            [
                new(MetricNames.Accuracy, 2.0, 80.5, 90, 9.5, 120, 360, 0.001, Verdict.Failed, "accuracy dropped 9.5 points"),
                new(MetricNames.LatencyP95, 1.5, null, null, null, 0, 0, null, Verdict.Inconclusive, "too few samples"),
            ]),
        ],
    };

    [Fact]
    public void Serialize_StoreOptions_WriteTheGoldenDocument()
    {
        var stored = JsonSerializer.Serialize(Sample(), RolloutStore.Json);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Golden), JsonNode.Parse(stored)), stored);
    }

    [Fact]
    public void Serialize_ContractContext_WritesTheStoresBytes()
    {
        var stored = JsonSerializer.Serialize(Sample(), RolloutStore.Json);

        Assert.Equal(stored, JsonSerializer.Serialize(Sample(), RolloutsJsonContext.Default.Rollout));
    }

    [Fact]
    public void Deserialize_ContractContext_ReadsTheGoldenDocumentBackToTheSameBytes()
    {
        var read = JsonSerializer.Deserialize(Golden, RolloutsJsonContext.Default.Rollout)!;

        Assert.Equal(JsonSerializer.Serialize(Sample(), RolloutStore.Json), JsonSerializer.Serialize(read, RolloutsJsonContext.Default.Rollout));
        Assert.Equal(JsonSerializer.Serialize(read, RolloutStore.Json), JsonSerializer.Serialize(JsonSerializer.Deserialize<Rollout>(Golden, RolloutStore.Json), RolloutStore.Json));
    }
}
