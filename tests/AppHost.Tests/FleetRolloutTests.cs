using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using HybridInference.TestSupport;
using HybridInference.Training.Data;
using Xunit.Abstractions;

namespace HybridInference.AppHost.Tests;

/// <summary>A mesh of its own for the fleet test: it changes what an edge node serves.</summary>
public sealed class FleetApp : RunningApp
{
    protected override string[] Arguments => [];
}

/// <summary>
/// The registry's fleet manager drives a real edge node: a new version is registered, assigned to edge-1,
/// and edge-1's answers change version under load with no failed request, while edge-2 keeps its version.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class FleetRolloutTests(FleetApp app, ITestOutputHelper output)
{
    private static readonly ImageSet Images = FashionMnist.Load(RepositoryRoot.Combine("data", "fashion-mnist"), DataSplit.Test);

    [Fact]
    public async Task NewVersionAssignedToEdge1_AnswersChangeVersionUnderLoad_WithZeroFailedRequests()
    {
        using var registry = app.Client("registry", "http");
        using var edge1 = app.Client("edge-1", "http");
        await WaitAsync(async () => (await DeviceAsync(registry, "edge-1"))?.GetProperty("state").GetString() == "online", "edge-1 registered and online");
        // It enrolled itself with the run's bootstrap secret: its stream runs on a device credential of the registry's.
        var credential = await registry.GetFromJsonAsync<JsonElement>("/api/fleet/devices/edge-1/credential");
        Assert.Equal("enrolled", credential.GetProperty("state").GetString());
        Assert.Equal("bootstrap:dev", credential.GetProperty("enrolledBy").GetString());

        var version = await RegisterCloudBytesAsFashionEdgeAsync(registry);
        var results = new ConcurrentBag<(HttpStatusCode Status, string? Version)>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var load = Enumerable.Range(0, 4).Select(i => LoadUntilAsync(edge1, i, version.ToString(System.Globalization.CultureInfo.InvariantCulture), results, stop.Token)).ToArray();
        using var put = await registry.PutAsJsonAsync("/api/fleet/devices/edge-1/desired", new { model = "fashion-edge", version, actor = "fleet-test", reason = "whole-app rollout" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await Task.WhenAll(load);
        await WaitAsync(async () => (await DeviceAsync(registry, "edge-1"))?.GetProperty("converged").GetBoolean() == true, "edge-1 reports the new version");
        var edge1View = (await DeviceAsync(registry, "edge-1"))!.Value;
        var edge2View = (await DeviceAsync(registry, "edge-2"))!.Value;

        output.WriteLine("answers: " + string.Join(", ", results.GroupBy(r => $"{(int)r.Status} v{r.Version}").Select(g => $"{g.Key}={g.Count()}")));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Contains(results, r => r.Version == "1");
        Assert.Contains(results, r => r.Version == version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(version, edge1View.GetProperty("running").GetProperty("version").GetInt32());
        Assert.Equal("applied", edge1View.GetProperty("lastReport").GetProperty("status").GetString());
        Assert.Equal(1, edge2View.GetProperty("running").GetProperty("version").GetInt32());
    }

    internal static async Task<int> RegisterCloudBytesAsFashionEdgeAsync(HttpClient registry)
    {
        var card = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("models", "fashion-cloud", "1", "model-card.json")))!.AsObject();
        card["name"] = "fashion-edge";
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(RepositoryRoot.Combine("models", "fashion-cloud", "1", "model.onnx"))), "model", "model.onnx" },
            { new StringContent(card.ToJsonString()), "card", "model-card.json" },
            { new StringContent("fleet-test"), "actor" },
            { new StringContent("1"), "parent" },
        };
        using var response = await registry.PostAsync("/api/models/fashion-edge/versions", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());
        return body.GetProperty("version").GetInt32();
    }

    /// <summary>Sends requests back to back to the edge node until it answers with <paramref name="target"/>.</summary>
    private static async Task LoadUntilAsync(HttpClient edge, int worker, string target, ConcurrentBag<(HttpStatusCode, string?)> results, CancellationToken cancellationToken)
    {
        var request = OipClient.Request(Images, worker * 8, 8, $"fleet-{worker}", labels: false);
        string? version = null;
        while (version != target)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var response = await edge.PostAsJsonAsync("/v2/models/fashion-edge/infer", request, cancellationToken);
            version = response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("model_version").GetString()
                : null;
            results.Add((response.StatusCode, version));
        }
    }

    internal static async Task<JsonElement?> DeviceAsync(HttpClient registry, string id)
    {
        using var response = await registry.GetAsync($"/api/fleet/devices/{id}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    internal static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(250);
        }
    }
}
