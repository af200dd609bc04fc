using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using HybridInference.TestSupport;
using HybridInference.Training.Data;
using Xunit.Abstractions;

namespace HybridInference.AppHost.Tests;

/// <summary>
/// A mesh of its own for rollouts (they change what the edge nodes serve), with four edge nodes so that
/// the first step's canary is one device in four: 25 %.
/// </summary>
public sealed class RolloutApp : RunningApp
{
    protected override string[] Arguments => ["Fleet:EdgeNodes=4"];
}

/// <summary>
/// Rollouts on the whole system: the registry's controller steps a candidate through the real fleet,
/// judged on the prediction log the router writes from real labelled traffic; time is made short by the
/// rollout spec (a few seconds per analysis), not by fakes.
/// </summary>
public sealed class RolloutTests(RolloutApp app, ITestOutputHelper output) : IClassFixture<RolloutApp>
{
    private const string CloudModel = "fashion-cloud";

    private static readonly ImageSet Images = FashionMnist.Load(RepositoryRoot.Combine("data", "fashion-mnist"), DataSplit.Test);

    [Fact]
    public async Task GoodCandidate_IsPromotedToTheWholeFleet_WithZeroFailedRequests()
    {
        using var registry = Registry();
        await WaitForFleetAsync(registry);
        var stable = await ChampionAsync(registry);

        // The champion's own network under a new digest: a candidate exactly as good, so every check passes
        // on real traffic and the rollout must walk every step to promotion.
        var candidate = await RegisterAsync(registry, DistinctCopy(await StableBytesAsync(registry, stable)));
        using var load = new TrafficLoad(app, Images);
        var rollout = await StartAsync(registry, candidate, stable, intervalSeconds: 5);
        var finished = await WaitFinishedAsync(registry, rollout, TimeSpan.FromMinutes(3));
        var answers = await load.StopAsync();

        output.WriteLine(Describe(finished));
        output.WriteLine(load.Describe());
        Assert.Equal("promoted", finished.GetProperty("phase").GetString());
        Assert.Equal(0, answers.Failed);
        Assert.Equal(2, finished.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "step" || e.GetProperty("kind").GetString() == "started"));
        Assert.Equal(candidate, await AliasAsync(registry, "champion"));
        await WaitAsync(async () => (await DevicesAsync(registry)).All(d => RunningVersion(d) == candidate), "every device runs the candidate", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task GoodCloudCandidate_IsPromotedThroughTheRoutersWeights_WithZeroFailedRequests()
    {
        using var registry = Registry();
        var stable = await AliasAsync(registry, "champion", CloudModel) ?? 1;

        // The cloud champion's network under a new digest; priority requests send every image to the cloud, so
        // the canary's share of cloud calls fills quickly. The cloud loads the candidate from the registry once the
        // rollout names it challenger; until then the router gives it weight 0.
        var candidate = await RegisterAsync(registry, DistinctCopy(await StableBytesAsync(registry, stable, CloudModel)), name: CloudModel);
        using var load = new TrafficLoad(app, Images, priority: true);
        var rollout = await StartCloudAsync(registry, candidate, stable);
        var finished = await WaitFinishedAsync(registry, rollout, TimeSpan.FromMinutes(2));
        var answers = await load.StopAsync();

        output.WriteLine(Describe(finished));
        output.WriteLine(load.Describe());
        Assert.Equal("promoted", finished.GetProperty("phase").GetString());
        Assert.Equal(0, answers.Failed);
        Assert.Contains(finished.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "cloud-serving");
        Assert.Equal(candidate, await AliasAsync(registry, "champion", CloudModel));
        using var router = app.Client("router", "http");
        var weights = (await router.GetFromJsonAsync<JsonElement>("/admin/routing/models/fashion/cloud-weights")).GetProperty("weights");
        Assert.Equal(100, weights.GetProperty(candidate.ToString(CultureInfo.InvariantCulture)).GetDouble());
        Assert.Equal(0, weights.GetProperty(stable.ToString(CultureInfo.InvariantCulture)).GetDouble());

        // Both versions answered real traffic while the canary ran, and the candidate answers every call after.
        var versions = load.CloudAnswers.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("cloud answers by version: " + string.Join(", ", versions.Select(v => $"{v.Key}={v.Value}")));
        Assert.True(versions.GetValueOrDefault($"{CloudModel}:{candidate}") > 0 && versions.GetValueOrDefault($"{CloudModel}:{stable}") > 0);
        using var after = await router.PostAsJsonAsync("/v2/models/fashion/infer", WithPriority(OipClient.Request(Images, 0, 8, "after-" + Guid.NewGuid().ToString("N"))));
        var answer = await after.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{CloudModel}:{candidate}", answer.GetProperty("parameters").GetProperty("cloud_model_version").GetString());
    }

    [Fact]
    public async Task BadCandidate_IsRolledBackWithinThreeIntervals_AndOnlyTheCanaryEverServedIt()
    {
        using var registry = Registry();
        await WaitForFleetAsync(registry);
        var stable = await ChampionAsync(registry);

        // Trained on shuffled labels: a valid model of the right shape that is wrong about 90 % of the time.
        var bad = HybridInference.Training.Candidates.CandidateTrainer.TrainEdge(
            new HybridInference.Training.Candidates.CandidateOptions { TrainImages = Images.Take(3000), TestImages = Images, Epochs = 2, ShuffleLabels = true, SkipLatency = true },
            output.WriteLine);
        var candidate = await RegisterAsync(registry, bad.Onnx, bad.CardJson);
        using var load = new TrafficLoad(app, Images);
        var rollout = await StartAsync(registry, candidate, stable, intervalSeconds: 5);
        var canary = rollout.GetProperty("canaryDevices").EnumerateArray().Select(d => d.GetString()!).ToArray();
        var finished = await WaitFinishedAsync(registry, rollout, TimeSpan.FromMinutes(3));
        var answers = await load.StopAsync();

        output.WriteLine(Describe(finished));
        output.WriteLine(load.Describe());
        Assert.Equal("rolled-back", finished.GetProperty("phase").GetString());
        var analyses = finished.GetProperty("analyses").EnumerateArray().ToArray();
        var firstWithData = Array.FindIndex(analyses, a => a.GetProperty("verdict").GetString() != "inconclusive");
        Assert.True(analyses.Length - firstWithData <= 3, $"rolled back {analyses.Length - firstWithData} analyses after the canary had enough traffic");
        Assert.Equal(0, answers.Failed);
        var served = load.EdgeAnswers.Where(a => a.Version == $"fashion-edge:{candidate}").ToArray();
        Assert.NotEmpty(served);
        Assert.All(served, a => Assert.Contains(a.Node, canary));
        // The share of all answered requests the bad version touched. Each request picks its first node at random
        // among the available ones, so the canary's share is binomial around its weight: allow three standard
        // deviations of that sampling noise, no more. Requests the router sends straight to the cloud (priority,
        // a rule) touched no edge model and still count as requests the canary did not serve.
        var share = (double)served.Length / answers.Ok;
        var bound = 0.25 + (3 * Math.Sqrt(0.25 * 0.75 / answers.Ok));
        output.WriteLine($"answers served by the bad version: {served.Length} of {answers.Ok} answers ({share:P1}, bound {bound:P1}); canary weight 25 %; " +
            "edge answers by node and version: " + string.Join(", ", load.EdgeAnswers.GroupBy(a => $"{a.Node} {a.Version}").OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}")));
        Assert.True(share <= bound, $"the bad version served {share:P1} of the answers, more than its 25 % canary weight allows ({bound:P1} with sampling noise)");
        await WaitAsync(async () => (await DevicesAsync(registry)).All(d => RunningVersion(d) == stable), "every device back on the stable version", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task RegistryKilledMidRollout_ResumesWhereItWas_AndFinishes()
    {
        using var registry = Registry();
        await WaitForFleetAsync(registry);
        var stable = await ChampionAsync(registry);
        var candidate = await RegisterAsync(registry, DistinctCopy(await StableBytesAsync(registry, stable)));
        using var load = new TrafficLoad(app, Images);
        var rollout = await StartAsync(registry, candidate, stable, intervalSeconds: 10);
        await WaitAsync(async () => (await registry.GetFromJsonAsync<JsonElement>($"/api/rollouts/{Id(rollout)}")).GetProperty("weight").GetInt32() == 50, "the rollout at its second step", TimeSpan.FromMinutes(2));

        // A crash, not a stop: the store keeps the rollout; the new process waits out the old one's lease.
        await app.KillAsync("registry");
        var commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        Assert.True((await commands.ExecuteCommandAsync("registry", KnownResourceCommands.StartCommand)).Success);
        using (var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await app.App.ResourceNotifications.WaitForResourceHealthyAsync("registry", wait.Token);
        }

        using var restarted = Registry();
        var finished = await WaitFinishedAsync(restarted, rollout, TimeSpan.FromMinutes(3));
        var answers = await load.StopAsync();

        output.WriteLine(Describe(finished));
        output.WriteLine(load.Describe());
        Assert.Equal("promoted", finished.GetProperty("phase").GetString());
        Assert.Equal(Id(rollout), Id(finished));
        Assert.Equal(["started", "step", "promoted"], finished.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(0, answers.Failed);
    }


    [Fact]
    public async Task AbortNow_PutsTheCanaryBack_WithinOneHeartbeat()
    {
        using var registry = Registry();
        await WaitForFleetAsync(registry);
        var stable = await ChampionAsync(registry);

        // The stable model's own network with a different digest: a candidate that behaves the same.
        var candidate = await RegisterAsync(registry, DistinctCopy(await StableBytesAsync(registry, stable)));
        var rollout = await StartAsync(registry, candidate, stable, intervalSeconds: 600);
        var canary = rollout.GetProperty("canaryDevices").EnumerateArray().Select(d => d.GetString()!).ToArray();
        await WaitAsync(async () => (await DevicesAsync(registry)).Where(d => canary.Contains(Id(d))).All(d => RunningVersion(d) == candidate), "the canary runs the candidate", TimeSpan.FromSeconds(60));

        var clock = Stopwatch.StartNew();
        using var abort = await registry.PostAsJsonAsync($"/api/rollouts/{Id(rollout)}/abort", new { actor = "rollout-test", reason = "operator abort" });
        Assert.Equal(HttpStatusCode.OK, abort.StatusCode);
        await WaitAsync(async () => (await DevicesAsync(registry)).All(d => RunningVersion(d) == stable), "every device back on the stable version", TimeSpan.FromSeconds(30));
        clock.Stop();

        output.WriteLine($"canary {string.Join(", ", canary)} back on v{stable} {clock.Elapsed.TotalSeconds:F1} s after the abort");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:F1} s, one heartbeat is 5 s");
        var state = await registry.GetFromJsonAsync<JsonElement>($"/api/rollouts/{Id(rollout)}");
        Assert.Equal("rolled-back", state.GetProperty("phase").GetString());
        Assert.Null(await AliasAsync(registry, "challenger"));
    }

    private HttpClient Registry()
    {
        var client = app.Client("registry", "http");
        client.DefaultRequestHeaders.Add("X-Actor", "rollout-test");
        return client;
    }

    private static Task<JsonElement> StartAsync(HttpClient registry, int candidate, int stable, int intervalSeconds) =>
        RegistryRollouts.StartEdgeAsync(registry, candidate, stable, intervalSeconds, minSamples: 40, "whole-app test");

    private static async Task<JsonElement> StartCloudAsync(HttpClient registry, int candidate, int stable)
    {
        var spec = new
        {
            model = CloudModel,
            candidateVersion = candidate,
            stableVersion = stable,
            steps = new[] { 50, 100 },
            intervalSeconds = 5,
            minSamples = 40,
            failureLimit = 2,
            inconclusiveLimit = 40,
            metrics = new object[]
            {
                new { name = "accuracy", threshold = 3.0 },
                new { name = "mean_confidence", threshold = 5.0 },

                // Two cores run ten processes and the load: latency is judged loosely here, strictly in production.
                new { name = "latency_p95", threshold = 20.0 },
            },
            reason = "whole-app cloud test",
        };
        return await RegistryRollouts.StartAsync(registry, spec);
    }

    private static JsonObject WithPriority(JsonObject request)
    {
        var parameters = request["parameters"] as JsonObject ?? [];
        parameters["priority"] = "high";
        request["parameters"] = parameters;
        return request;
    }

    private static async Task<JsonElement> WaitFinishedAsync(HttpClient registry, JsonElement rollout, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var state = await registry.GetFromJsonAsync<JsonElement>($"/api/rollouts/{Id(rollout)}");
            if (state.GetProperty("phase").GetString() is "promoted" or "rolled-back" || deadline.Elapsed > timeout)
            {
                return state;
            }

            await Task.Delay(500);
        }
    }

    internal static async Task<int> RegisterAsync(HttpClient registry, byte[] model, string? cardJson = null, string name = "fashion-edge")
    {
        // The committed card of the model, naming this file: the registry checks the card's digest against the upload.
        var card = JsonNode.Parse(cardJson ?? await File.ReadAllTextAsync(RepositoryRoot.Combine("models", name, "1", "model-card.json")))!.AsObject();
        card["file"]!["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model));
        card["file"]!["sizeBytes"] = model.Length;
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(model), "model", "model.onnx" },
            { new StringContent(card.ToJsonString()), "card", "model-card.json" },
            { new StringContent("rollout-test"), "actor" },
        };
        using var response = await registry.PostAsync($"/api/models/{name}/versions", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode is HttpStatusCode.Created, body.ToString());
        return body.GetProperty("version").GetInt32();
    }

    private static async Task<byte[]> StableBytesAsync(HttpClient registry, int version, string model = "fashion-edge")
    {
        var info = await registry.GetFromJsonAsync<JsonElement>($"/api/models/{model}/versions/{version}");
        return await registry.GetByteArrayAsync($"/api/artifacts/{info.GetProperty("digest").GetString()}");
    }

    /// <summary>
    /// The same ONNX model with a different SHA-256: an unknown protobuf field (number 100) appended to the
    /// ModelProto, which ONNX Runtime skips, so the network and its answers are unchanged.
    /// </summary>
    private static byte[] DistinctCopy(byte[] onnx)
    {
        var marker = System.Text.Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N"));
        return [.. onnx, 0xA2, 0x06, (byte)marker.Length, .. marker];
    }

    internal static async Task<int> ChampionAsync(HttpClient registry) => await AliasAsync(registry, "champion") ?? 1;

    private static async Task<int?> AliasAsync(HttpClient registry, string alias, string model = "fashion-edge")
    {
        using var response = await registry.GetAsync($"/api/models/{model}/aliases/{alias}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32() : null;
    }

    private static async Task WaitForFleetAsync(HttpClient registry) =>
        await WaitAsync(async () => (await DevicesAsync(registry)).Count(d => d.GetProperty("state").GetString() == "online") >= 4, "four edge nodes online", TimeSpan.FromSeconds(90));

    private static async Task<JsonElement[]> DevicesAsync(HttpClient registry) =>
        (await registry.GetFromJsonAsync<JsonElement>("/api/fleet/devices")).EnumerateArray().ToArray();

    private static int? RunningVersion(JsonElement device) =>
        device.TryGetProperty("running", out var running) && running.ValueKind == JsonValueKind.Object ? running.GetProperty("version").GetInt32() : null;

    private static string Id(JsonElement element) => element.GetProperty("id").GetString()!;

    private static string Describe(JsonElement rollout) =>
        string.Join(Environment.NewLine, rollout.GetProperty("events").EnumerateArray().Select(e => $"{e.GetProperty("kind").GetString()}: {e.GetProperty("message").GetString()}")) +
        Environment.NewLine + string.Join(Environment.NewLine, rollout.GetProperty("analyses").EnumerateArray().Select(a =>
            $"analysis at {a.GetProperty("weight").GetInt32()} %: {a.GetProperty("verdict").GetString()}: " +
            string.Join("; ", a.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("reason").GetString()))));

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Labelled traffic through the router from four clients, eight images per request, until stopped.</summary>
    private sealed class TrafficLoad : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
        private readonly Task[] _workers;

        /// <summary>For each answer the edge gave (tier edge), the node and the model version, from the answer's parameters.</summary>
        public ConcurrentBag<(string Node, string Version)> EdgeAnswers { get; } = [];

        /// <summary>For each answer the cloud gave, <c>model:version</c> from the answer's parameters.</summary>
        public ConcurrentBag<string> CloudAnswers { get; } = [];

        public TrafficLoad(RolloutApp app, ImageSet images, bool priority = false)
        {
            _workers = [.. Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                using var router = app.Client("router", "http");
                var random = new Random(worker);
                for (var i = 0; !_stop.IsCancellationRequested; i++)
                {
                    var first = random.Next(0, images.Count - 8);
                    string outcome;
                    try
                    {
                        var request = OipClient.Request(images, first, 8, $"rollout-{worker}-{i}-{Guid.NewGuid():N}");
                        using var response = await router.PostAsJsonAsync("/v2/models/fashion/infer", priority ? WithPriority(request) : request, CancellationToken.None);
                        outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                        if (response.IsSuccessStatusCode)
                        {
                            Observe(await response.Content.ReadFromJsonAsync<JsonElement>());
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        outcome = ex.GetType().Name;
                    }

                    _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                }
            }))];
        }

        private void Observe(JsonElement answer)
        {
            if (answer.TryGetProperty("parameters", out var cloudParameters)
                && cloudParameters.TryGetProperty("cloud_model_version", out var cloudVersion) && cloudVersion.ValueKind == JsonValueKind.String)
            {
                CloudAnswers.Add(cloudVersion.GetString()!);
            }

            if (answer.TryGetProperty("parameters", out var parameters)
                && parameters.TryGetProperty("edge_node", out var node) && node.ValueKind == JsonValueKind.String
                && parameters.TryGetProperty("edge_model_version", out var version) && version.ValueKind == JsonValueKind.String)
            {
                EdgeAnswers.Add((node.GetString()!, version.GetString()!));
            }
        }

        public async Task<(int Ok, int Failed)> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_workers);
            var ok = _outcomes.GetValueOrDefault("200");
            return (ok, _outcomes.Where(o => o.Key != "200").Sum(o => o.Value));
        }

        public string Describe() => "answers: " + string.Join(", ", _outcomes.Select(o => $"{o.Key}={o.Value}"));

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
