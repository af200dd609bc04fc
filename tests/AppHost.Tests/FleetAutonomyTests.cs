using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HybridInference.TestSupport;
using HybridInference.Training.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HybridInference.AppHost.Tests;

/// <summary>
/// Edge nodes on their own, in the whole app: a tampered artifact is refused and reported while the node keeps
/// answering (edge-2), and a node whose registry is stopped keeps serving, buffers its telemetry and converges on
/// a desired state set after the registry is back (edge-3).
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class FleetAutonomyTests(FleetApp app, ITestOutputHelper output)
{
    private static readonly ImageSet Images = FashionMnist.Load(RepositoryRoot.Combine("data", "fashion-mnist"), DataSplit.Test);

    [Fact]
    public async Task TamperedArtifact_AssignedToEdge2_IsRefusedAndReported_WhileEdge2KeepsServingVersion1()
    {
        using var registry = app.Client("registry", "http");
        using var edge2 = app.Client("edge-2", "http");
        await FleetRolloutTests.WaitAsync(async () => (await FleetRolloutTests.DeviceAsync(registry, "edge-2"))?.GetProperty("state").GetString() == "online", "edge-2 online");
        var version = await FleetRolloutTests.RegisterCloudBytesAsFashionEdgeAsync(registry);
        var digest = (await registry.GetFromJsonAsync<JsonElement>($"/api/models/fashion-edge/versions/{version}")).GetProperty("digest").GetString()!;
        var hex = digest["sha256:".Length..];

        // The registry's artifact directory under its content root (its default, Registry:ArtifactDirectory unset).
        var path = RepositoryRoot.Combine("src", "Registry", ".data", "artifacts", "sha256", hex[..2], hex);
        var original = await File.ReadAllBytesAsync(path);
        try
        {
            var tampered = original.ToArray();
            tampered[tampered.Length / 2] ^= 0xFF;
            await File.WriteAllBytesAsync(path, tampered);

            var results = new ConcurrentBag<(HttpStatusCode Status, string? Version)>();
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 2).Select(i => LoadAsync(edge2, i, results, stop.Token)).ToArray();
            using var put = await registry.PutAsJsonAsync("/api/fleet/devices/edge-2/desired", new { model = "fashion-edge", version, actor = "tamper-test", reason = "tampered artifact" });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var generation = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("generation").GetInt64();
            await FleetRolloutTests.WaitAsync(async () => (await FleetRolloutTests.DeviceAsync(registry, "edge-2"))?.GetProperty("lastReport") is { ValueKind: JsonValueKind.Object } report
                && report.GetProperty("generation").GetInt64() == generation, "edge-2 reports on the tampered version");
            await stop.CancelAsync();
            await Task.WhenAll(load);
            var view = (await FleetRolloutTests.DeviceAsync(registry, "edge-2"))!.Value;

            output.WriteLine("answers: " + string.Join(", ", results.GroupBy(r => $"{(int)r.Status} v{r.Version}").Select(g => $"{g.Key}={g.Count()}")));
            output.WriteLine("report: " + view.GetProperty("lastReport"));
            Assert.NotEmpty(results);
            Assert.All(results, r => Assert.Equal((HttpStatusCode.OK, "1"), r));
            Assert.Equal("digest-mismatch", view.GetProperty("lastReport").GetProperty("status").GetString());
            Assert.Contains($"expected {digest}", view.GetProperty("lastReport").GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("failed", view.GetProperty("health").GetString());
            Assert.False(view.GetProperty("converged").GetBoolean());
            Assert.Equal(1, view.GetProperty("running").GetProperty("version").GetInt32());
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
        }
    }

    // The registry is killed (a crash) rather than asked to stop: for the edge node an unreachable registry is the
    // same, and a crash is the harder case (nothing is closed, no presence removed).
    [Fact]
    public async Task RegistryKilled_Edge3KeepsServing_ThenReconnects_BufferedTelemetryArrives_AndALaterDesiredStateConverges()
    {
        using var registry = app.Client("registry", "http");
        using var edge3 = app.Client("edge-3", "http");
        await FleetRolloutTests.WaitAsync(async () => (await FleetRolloutTests.DeviceAsync(registry, "edge-3"))?.GetProperty("state").GetString() == "online", "edge-3 online");
        var version = await FleetRolloutTests.RegisterCloudBytesAsFashionEdgeAsync(registry);

        var results = new ConcurrentBag<(HttpStatusCode Status, string? Version)>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 2).Select(i => LoadAsync(edge3, i, results, stop.Token)).ToArray();
        var down = DateTimeOffset.UtcNow;
        output.WriteLine($"killed registry (pid {await app.KillAsync("registry")})");

        // Two telemetry intervals (5 s) with the registry gone.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var up = DateTimeOffset.UtcNow;
        await CommandAsync("registry", KnownResourceCommands.StartCommand);
        using (var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await app.App.ResourceNotifications.WaitForResourceHealthyAsync("registry", wait.Token);
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);
        using var recovered = app.Client("registry", "http");
        await FleetRolloutTests.WaitAsync(async () =>
        {
            using var response = await recovered.GetAsync("/api/fleet/devices/edge-3/telemetry?count=100");
            return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                .Count(t => t.GetProperty("at").GetDateTimeOffset() is var at && at > down.AddSeconds(1) && at < up) >= 2;
        }, "telemetry made while the registry was down arrives");

        using var put = await recovered.PutAsJsonAsync("/api/fleet/devices/edge-3/desired", new { model = "fashion-edge", version, actor = "partition-test", reason = "after recovery" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await FleetRolloutTests.WaitAsync(async () => (await FleetRolloutTests.DeviceAsync(recovered, "edge-3"))?.GetProperty("converged").GetBoolean() == true, "edge-3 converges");
        var view = (await FleetRolloutTests.DeviceAsync(recovered, "edge-3"))!.Value;

        output.WriteLine("answers while the registry was down: " + string.Join(", ", results.GroupBy(r => $"{(int)r.Status} v{r.Version}").Select(g => $"{g.Key}={g.Count()}")));
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(version, view.GetProperty("running").GetProperty("version").GetInt32());
        Assert.Equal("applied", view.GetProperty("lastReport").GetProperty("status").GetString());
    }


    private async Task CommandAsync(string resource, string command)
    {
        var result = await app.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);

        // A stop can report failure when the process takes longer than the orchestrator's grace period; the
        // wait for the resource's state that follows is what counts.
        output.WriteLine($"{command} {resource}: {(result.Success ? "ok" : result.Message)}");
    }

    /// <summary>Sends requests back to back until cancelled.</summary>
    private static async Task LoadAsync(HttpClient edge, int worker, ConcurrentBag<(HttpStatusCode, string?)> results, CancellationToken cancellationToken)
    {
        var request = OipClient.Request(Images, worker * 8, 8, $"autonomy-{worker}", labels: false);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await edge.PostAsJsonAsync("/v2/models/fashion-edge/infer", request, cancellationToken);
                var version = response.IsSuccessStatusCode
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("model_version").GetString()
                    : null;
                results.Add((response.StatusCode, version));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
