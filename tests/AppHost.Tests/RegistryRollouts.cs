using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HybridInference.AppHost.Tests;

/// <summary>Starting rollouts on the running registry, for the rollout tests and the chaos experiment that rolls out a bad model.</summary>
internal static class RegistryRollouts
{
    /// <summary>
    /// An edge-model rollout in steps of 25, 50, 100 %. Ten processes and the load share two cores in CI, so the limits
    /// are generous: a slow spell can send a node's traffic to the cloud for a while (the slow-edge rule), hence many
    /// inconclusive analyses allowed; latency is judged loosely here, strictly in production.
    /// </summary>
    public static Task<JsonElement> StartEdgeAsync(HttpClient registry, int candidate, int stable, int intervalSeconds, int minSamples, string reason) =>
        StartAsync(registry, new
        {
            model = "fashion-edge",
            candidateVersion = candidate,
            stableVersion = stable,
            steps = new[] { 25, 50, 100 },
            intervalSeconds,
            minSamples,
            failureLimit = 2,
            inconclusiveLimit = 40,
            metrics = new object[]
            {
                new { name = "accuracy", threshold = 3.0 },
                new { name = "escalation_rate", threshold = 10.0 },
                new { name = "error_rate", threshold = 2.0 },
                new { name = "latency_p95", threshold = 20.0 },
            },
            reason,
        });

    /// <summary>Posts a rollout spec; the registry must create it (201), else the test fails with the registry's answer.</summary>
    public static async Task<JsonElement> StartAsync(HttpClient registry, object spec)
    {
        using var response = await registry.PostAsJsonAsync("/api/rollouts", spec);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }
}
