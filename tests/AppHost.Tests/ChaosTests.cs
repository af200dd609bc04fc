using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HybridInference.AppHost.Tests;

/// <summary>A mesh of its own for the chaos experiments: they inject faults into the shared services.</summary>
public sealed class ChaosApp : RunningApp, IAsyncLifetime
{
    protected override string[] Arguments => [];

    /// <summary>
    /// Starts the mesh, then warms it: the first calls of a fresh mesh are slow (JIT, connections). The router now leaves
    /// each node's first wave of calls out of its p95, but before it did, the first experiment measured a mesh that sent
    /// most requests to the cloud (seen: p99 3.0 s, edge-1 and edge-3 with 9 answers of 384); the experiments measure a
    /// warm mesh either way.
    /// </summary>
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var images = HybridInference.Training.Data.FashionMnist.Load(
            HybridInference.TestSupport.RepositoryRoot.Combine("data", "fashion-mnist"), HybridInference.Training.Data.DataSplit.Test);
        using var router = Client("router", "http");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            for (var i = 0; i < 50; i++)
            {
                using var response = await router.PostAsJsonAsync("/v2/models/fashion/infer", OipClient.Request(images, 9000 + worker * 50 + i, 1, $"warm-{worker}-{i}-{Guid.NewGuid():N}"));
            }
        }));
    }
}

/// <summary>
/// Issue 8's experiments run by ChaosLab's runner on the whole system: the committed experiment files,
/// real traffic through the router, faults through the store, and the actions ChaosLab cannot take itself
/// (kill a process, start a model update) taken by this harness when the runner announces them. Each test
/// judges the runner's verdict and, from the report's samples and router events, what happened in the window.
/// </summary>
public sealed class ChaosTests(ChaosApp app, ITestOutputHelper output) : IClassFixture<ChaosApp>
{
    /// <summary>After injection each service picks a fault up within its poll period (500 ms); a second is the margin.</summary>
    private const double ApplyMarginMs = 1000;

    [Fact]
    public async Task CloudLinkLatency_AnswersKeepComing_EscalationsAnsweredInTime_FaultEndsByItself()
    {
        using var chaos = ChaosLab();
        var (report, samples) = await RunAsync(chaos, "cloud-link-latency");
        var (injected, ends) = FaultWindow(report);

        AssertPassed(report);
        var during = samples.Where(s => InWindow(s, injected, ends)).ToList();
        var escalated = during.Where(s => s.Reason == "low-confidence").ToList();
        output.WriteLine($"during the fault: {during.Count} answers, {escalated.Count} escalated: {Tiers(escalated)}");
        Assert.NotEmpty(escalated);
        // Escalated rows are answered by the cloud or fall back to the edge answer, marked: never plain 'edge'.
        Assert.All(escalated, s => Assert.Contains(s.Tier, new[] { "cloud", "edge-degraded" }));
        // The fault really acted: every cloud answer in the window waited the link's extra 300 ms.
        var cloud = escalated.Where(s => s.Tier == "cloud").ToList();
        Assert.NotEmpty(cloud);
        Assert.All(cloud, s => Assert.True(s.LatencyMs >= 300, $"{s.Id} answered by the cloud in {s.LatencyMs:0} ms during +300 ms"));
        // Within the cloud call's budget (Cloud:TimeoutMs 2 s, one retry) plus the edge's time.
        Assert.All(escalated, s => Assert.True(s.LatencyMs < 4500, $"{s.Id} took {s.LatencyMs:0} ms"));

        AssertExpired(report);
        Assert.DoesNotContain(InjectedId(report), await chaos.GetStringAsync("/api/faults"));
        // And its effect ended with it: the cloud answers again without the extra 300 ms.
        var after = samples.Where(s => s.AtMs >= ends + ApplyMarginMs && s.Tier == "cloud").Select(s => s.LatencyMs).Order().ToList();
        output.WriteLine($"cloud answers after the fault: {after.Count}, median {(after.Count > 0 ? after[after.Count / 2] : double.NaN):0} ms");
        Assert.NotEmpty(after);
        Assert.True(after[after.Count / 2] < 300, $"median cloud answer after the fault {after[after.Count / 2]:0} ms");
    }

    [Fact]
    public async Task EdgeNodeErrors_Edge1BreakerOpens_AnswersComeFromHealthyNodes_NoRequestWithoutAnAnswer()
    {
        using var chaos = ChaosLab();
        var (report, samples) = await RunAsync(chaos, "edge-errors");
        var (injected, ends) = FaultWindow(report);

        AssertPassed(report);
        var during = samples.Where(s => InWindow(s, injected, ends)).ToList();
        var byNode = during.GroupBy(s => s.EdgeNode ?? "(none)").ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("answers by edge node during the fault: " + string.Join(", ", byNode.OrderBy(n => n.Key).Select(n => $"{n.Key}={n.Value}")));
        Assert.NotEmpty(during);
        Assert.All(during, s => Assert.True(s.Answered, $"{s.Id}: {s.Status}"));
        Assert.True(byNode.GetValueOrDefault("edge-2") + byNode.GetValueOrDefault("edge-3") > 0, "no answer from the healthy nodes");
        Assert.Contains(samples, s => s.AtMs < injected && s.EdgeNode == "edge-1");

        // The runner's check saw edge-1's breaker open on the router's /admin/edges (it is part of the verdict);
        // while it is open (5 s from the opening, which the poll sees up to 0.2 s late) edge-1 answers nothing.
        var opened = RouterEvents(report).Where(e => e.Node == "edge-1" && e.Event == "breaker-open").Select(e => e.AtMs).ToList();
        output.WriteLine($"edge-1 breaker opened at {string.Join(", ", opened.Select(o => $"{(o - injected) / 1000:0.0} s"))} after the injection");
        Assert.NotEmpty(opened);
        foreach (var at in opened)
        {
            Assert.DoesNotContain(samples, s => s.EdgeNode == "edge-1" && s.AtMs >= at && s.EndMs <= at + 4500);
        }

        AssertExpired(report);
    }

    [Fact]
    public async Task EdgeNodeKilled_EveryRequestAnswered_NodeLeavesRotationWithin2s()
    {
        using var chaos = ChaosLab();
        double killedAt = 0;
        try
        {
            var (report, samples) = await RunAsync(chaos, "edge-node-killed", async action =>
            {
                Assert.Equal(("kill", "edge-2"), (action.GetProperty("kind").GetString(), action.GetProperty("resource").GetString()));
                var at = DateTimeOffset.UtcNow;
                var pid = await app.KillAsync("edge-2");
                return (at, $"killed edge-2 (pid {pid}, SIGKILL to its process tree)");
            });

            AssertPassed(report);
            // The check measures from the moment this harness killed the process (the confirmation's performedAt).
            var check = Checks(report).Single(c => c.Check == "leaves-rotation:edge-2");
            output.WriteLine($"edge-2 out of the router's rotation {check.Measured}");
            Assert.True(check.Passed, check.Measured);
            killedAt = Timeline(report).Single(e => e.Event == "action done").AtMs;

            // Traffic moved: the other nodes answer everything after the kill, and nothing waited on the dead node.
            var after = samples.Where(s => s.AtMs >= killedAt + 2000).ToList();
            Assert.NotEmpty(after);
            Assert.DoesNotContain(after, s => s.EdgeNode == "edge-2");
            Assert.Contains(after, s => s.EdgeNode == "edge-1");
            Assert.Contains(after, s => s.EdgeNode == "edge-3");
            Assert.Contains(samples, s => s.AtMs < killedAt && s.EdgeNode == "edge-2");
        }
        finally
        {
            // The other experiments of this class expect three nodes.
            await RestartAsync("edge-2");
        }
    }

    [Fact]
    public async Task EdgeOverheating_HotGpuRuleSendsItsTrafficToTheCloud_WithinOneTelemetryInterval_AndLetsGoAfter()
    {
        using var chaos = ChaosLab();
        using var edge2 = app.Client("edge-2", "http");
        using var router = app.Client("router", "http");
        using var stop = new CancellationTokenSource();

        // Every 100 ms: the device's own temperature, timed by the device's own step time (updatedAt), and the
        // temperature the router holds for edge-2 (/admin/edges), timed by this test's clock when it first shows.
        // The rule acts on the router's value, so the rule's delay is the router's lag behind the device.
        var temperatures = new List<(DateTimeOffset At, double Celsius)>();
        var routerView = new List<(DateTimeOffset At, double Celsius)>();
        var watch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var device = JsonDocument.Parse(await edge2.GetStringAsync("/device", stop.Token)).RootElement;
                    var edges = JsonDocument.Parse(await router.GetStringAsync("/admin/edges", stop.Token)).RootElement;
                    var seenAt = DateTimeOffset.UtcNow;
                    var held = edges.EnumerateArray().Single(e => e.GetProperty("node").GetString() == "edge-2").GetProperty("gpuTemperatureCelsius");
                    lock (temperatures)
                    {
                        temperatures.Add((device.GetProperty("updatedAt").GetDateTimeOffset(), device.GetProperty("gpuTemperatureCelsius").GetDouble()));
                        if (held.ValueKind == JsonValueKind.Number)
                        {
                            routerView.Add((seenAt, held.GetDouble()));
                        }
                    }

                    await Task.Delay(100, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
        var (report, samples) = await RunAsync(chaos, "edge-overheat");
        await stop.CancelAsync();
        await watch;

        AssertPassed(report);
        var startedAt = report.GetProperty("startedAt").GetDateTimeOffset();
        double Ms(DateTimeOffset at) => (at - startedAt).TotalMilliseconds;
        var hot = temperatures.First(t => t.Celsius > 85);
        // The first reading below 85 °C after the hot spell: when the device had cooled.
        var cooled = temperatures.First(t => t.At > temperatures.Last(h => h.Celsius > 85).At);
        var routerHot = routerView.First(t => t.Celsius > 85);
        var routerCooled = routerView.First(t => t.At > routerView.Last(h => h.Celsius > 85).At);
        var byRule = samples.Where(s => s.Reason == "rule:hot-gpu").ToList();
        output.WriteLine($"edge-2 above 85 °C from {Ms(hot.At) / 1000:0.0} s, below again at {Ms(cooled.At) / 1000:0.0} s (max {temperatures.Max(t => t.Celsius):0} °C); "
            + $"the router held it hot from {Ms(routerHot.At) / 1000:0.0} s to {Ms(routerCooled.At) / 1000:0.0} s; "
            + $"{byRule.Count} requests routed by hot-gpu, first at {byRule[0].AtMs / 1000:0.0} s, last at {byRule[^1].AtMs / 1000:0.0} s");

        // Within one telemetry interval (the device's 1 s step): the router reads each node's /device every 500 ms
        // (Edges:HealthPollMs) and this test reads its view every 100 ms, so it shows the hot value within about 0.7 s.
        Assert.True(Ms(routerHot.At) - Ms(hot.At) <= 1000, $"the router held edge-2 hot {Ms(routerHot.At) - Ms(hot.At):0} ms after it passed 85 °C");
        Assert.True(Ms(routerCooled.At) - Ms(cooled.At) <= 1000, $"the router held edge-2 hot until {Ms(routerCooled.At) - Ms(cooled.At):0} ms after it cooled below 85 °C");
        // From then the next request planned for edge-2 goes to the cloud: those come about 4/s (a third of 12/s, the
        // node chosen by load), so the first one may follow the router's view by several hundred milliseconds.
        Assert.True(byRule[0].AtMs - Ms(routerHot.At) <= 1500, $"hot-gpu first fired {byRule[0].AtMs - Ms(routerHot.At):0} ms after the router held edge-2 hot");
        Assert.True(byRule[^1].AtMs <= Ms(routerCooled.At) + 200, $"hot-gpu still fired {byRule[^1].AtMs - Ms(routerCooled.At):0} ms after the router held edge-2 cool");
        Assert.All(byRule, s => Assert.Equal("cloud", s.Tier));
        Assert.All(byRule, s => Assert.True(s.AtMs >= Ms(hot.At) - 100, $"{s.Id} routed by hot-gpu at {s.AtMs:0} ms, before edge-2 was hot ({Ms(hot.At):0} ms)"));

        // It comes back: edge-2 answers again once cool. (While hot it may still answer another node's hedged call:
        // the rule judges the node a request is planned for, not the second node a slow call is hedged to.)
        Assert.Contains(samples, s => s.EdgeNode == "edge-2" && s.AtMs > Ms(cooled.At) + 1500);
        AssertExpired(report);
    }

    [Fact]
    public async Task StoreOutage_InferenceGoesOn_NothingLostAfter()
    {
        using var chaos = ChaosLab();
        var (report, samples) = await RunAsync(chaos, "store-outage", timeout: TimeSpan.FromSeconds(150));
        var timeline = Timeline(report);
        var injected = timeline.Where(e => e.Event == "fault injected").Max(e => e.AtMs);
        var ends = timeline.Where(e => e.Event == "fault due to end").Min(e => e.AtMs);

        AssertPassed(report);
        var during = samples.Where(s => InWindow(s, injected, ends)).ToList();
        output.WriteLine($"during the outage: {during.Count} answers: {Tiers(during)}; records: {report.GetProperty("measured").GetProperty("recordsChecked").GetInt32()} checked, "
            + $"{report.GetProperty("measured").GetProperty("recordsMissing").GetInt32()} missing");
        Assert.True(during.Count >= 200, $"only {during.Count} requests inside the outage");
        Assert.All(during, s => Assert.True(s.Answered, $"{s.Id}: {s.Status} {s.Tier}"));
        Assert.Contains(during, s => s.Tier == "edge");
        Assert.Contains(during, s => s.Tier == "cloud");
        Assert.Equal(0, report.GetProperty("measured").GetProperty("recordsMissing").GetInt32());
        Assert.Equal(6, timeline.Count(e => e.Event == "fault expired"));
    }

    [Fact]
    public async Task RegistryUnreachableDuringAModelUpdate_NodesServeTheLastGoodVersion_ThenReconverge()
    {
        using var chaos = ChaosLab();
        using var registry = app.Client("registry", "http");
        string[] devices = ["edge-1", "edge-2", "edge-3"];
        var version = await FleetRolloutTests.RegisterCloudBytesAsFashionEdgeAsync(registry);
        try
        {
            var (report, samples) = await RunAsync(chaos, "registry-unreachable-update", async action =>
            {
                var at = DateTimeOffset.UtcNow;
                switch (action.GetProperty("kind").GetString())
                {
                    case "model-update":
                        Assert.Equal(("fashion-edge", "latest"), (action.GetProperty("model").GetString(), action.GetProperty("version").GetString()));
                        await SetDesiredAsync(registry, devices, version, "chaos experiment 7");
                        return (at, $"desired fashion-edge {version} (the newest) set for {string.Join(", ", devices)}");
                    case "kill":
                        return (at, $"killed {action.GetProperty("resource").GetString()} (pid {await app.KillAsync(action.GetProperty("resource").GetString()!)})");
                    default:
                        // Asked, not waited for: the nodes' reconnection while the registry comes back is what the run measures.
                        _ = StartAsync(action.GetProperty("resource").GetString()!);
                        return (at, $"start of {action.GetProperty("resource").GetString()} asked of the orchestrator");
                }
            }, TimeSpan.FromSeconds(120));
            await RestartAsync("registry");
            using var recovered = app.Client("registry", "http");
            var timeline = Timeline(report);
            var injected = timeline.Where(e => e.Event == "fault injected").Max(e => e.AtMs);
            var ends = timeline.Where(e => e.Event == "fault due to end").Min(e => e.AtMs);
            var updated = timeline.First(e => e.Event == "action done" && e.Detail.StartsWith("update-fleet", StringComparison.Ordinal)).AtMs;

            AssertPassed(report);
            // While cut off, after the update was asked for: still the last good version on every answer.
            var cut = samples.Where(s => s.AtMs >= updated && s.EndMs <= ends - ApplyMarginMs && s.EdgeModelVersion is not null).ToList();
            output.WriteLine($"cut off after the update: {cut.Count} edge answers: {Versions(cut)}; after the links returned: {Versions(samples.Where(s => s.AtMs > ends))}");
            Assert.NotEmpty(cut);
            Assert.All(cut, s => Assert.Equal("fashion-edge:1", s.EdgeModelVersion));

            // Reconverged: every device runs the new version, and the answers came from it before the run ended.
            await FleetRolloutTests.WaitAsync(async () =>
            {
                foreach (var device in devices)
                {
                    var view = await FleetRolloutTests.DeviceAsync(recovered, device);
                    if (view?.GetProperty("converged").GetBoolean() != true || view.Value.GetProperty("running").GetProperty("version").GetInt32() != version)
                    {
                        return false;
                    }
                }

                return true;
            }, "every edge device converged on the new version");
            var newest = samples.Where(s => s.EdgeModelVersion == $"fashion-edge:{version}").Select(s => s.AtMs).DefaultIfEmpty(double.NaN).Min();
            output.WriteLine($"first answer of version {version}: {(newest - ends) / 1000:0.0} s after the links returned");
            Assert.True(newest > ends - ApplyMarginMs, "the new version answered while the nodes were cut off from the registry");
            Assert.Equal(0, report.GetProperty("measured").GetProperty("recordsMissing").GetInt32());
        }
        finally
        {
            // The other experiments' accuracy baselines are of version 1.
            await RestartAsync("registry");
            using var registryAgain = app.Client("registry", "http");
            await SetDesiredAsync(registryAgain, devices, 1, "chaos experiment 7 restores version 1");
            await FleetRolloutTests.WaitAsync(async () =>
            {
                foreach (var device in devices)
                {
                    if ((await FleetRolloutTests.DeviceAsync(registryAgain, device))?.GetProperty("running").GetProperty("version").GetInt32() != 1)
                    {
                        return false;
                    }
                }

                return true;
            }, "every edge device back on version 1");
        }
    }

    [Fact]
    public async Task CloudPartition_EveryRequestAnsweredByTheEdge_AllRecordsWritten()
    {
        using var chaos = ChaosLab();
        var (report, samples) = await RunAsync(chaos, "cloud-partition");
        var (injected, ends) = FaultWindow(report);

        AssertPassed(report);
        var during = samples.Where(s => InWindow(s, injected, ends)).ToList();
        output.WriteLine($"during the partition: {during.Count} answers: {Tiers(during)}");
        Assert.NotEmpty(during);
        // No cloud answer can cross a cut link; the rows the cloud would have answered are marked.
        Assert.DoesNotContain(during, s => s.Tier == "cloud");
        Assert.Contains(during, s => s.Tier == "edge-degraded");
        Assert.All(during.Where(s => s.Reason == "low-confidence"), s => Assert.Equal("edge-degraded", s.Tier));
        Assert.Equal(0, report.GetProperty("measured").GetProperty("recordsMissing").GetInt32());
        AssertExpired(report);
    }

    [Fact]
    public async Task BadModelOnTheCanary_IsRolledBackAutomatically_AndTheControlGroupNeverServesIt()
    {
        using var chaos = ChaosLab();
        using var registry = app.Client("registry", "http");
        registry.DefaultRequestHeaders.Add("X-Actor", "chaos-test");
        string[] devices = ["edge-1", "edge-2", "edge-3"];
        var stable = await RolloutTests.ChampionAsync(registry);

        // Trained before the run on shuffled labels: a valid model of the right shape that is wrong about 90 % of
        // the time, so the action itself (register, start) takes well under the runner's 15 s.
        var images = HybridInference.Training.Data.FashionMnist.Load(
            HybridInference.TestSupport.RepositoryRoot.Combine("data", "fashion-mnist"), HybridInference.Training.Data.DataSplit.Test);
        var bad = HybridInference.Training.Candidates.CandidateTrainer.TrainEdge(
            new HybridInference.Training.Candidates.CandidateOptions { TrainImages = images.Take(3000), TestImages = images, Epochs = 2, ShuffleLabels = true, SkipLatency = true },
            output.WriteLine);
        string? rolloutId = null;
        string[] canary = [];
        try
        {
            var (report, samples) = await RunAsync(chaos, "bad-model-canary", async action =>
            {
                Assert.Equal(("rollout-start", "fashion-edge"), (action.GetProperty("kind").GetString(), action.GetProperty("model").GetString()));
                var at = DateTimeOffset.UtcNow;
                var candidate = await RolloutTests.RegisterAsync(registry, bad.Onnx, bad.CardJson);
                var rollout = await StartRolloutAsync(registry, candidate, stable);
                rolloutId = rollout.GetProperty("id").GetString()!;
                canary = [.. rollout.GetProperty("canaryDevices").EnumerateArray().Select(d => d.GetString()!)];
                return (at, rolloutId);
            }, TimeSpan.FromSeconds(150));

            AssertPassed(report);
            var check = Checks(report).Single(c => c.Check == "rollout-rolls-back:bad-model");
            output.WriteLine($"rollout {rolloutId}, canary {string.Join(", ", canary)}: {check.Measured}");
            Assert.True(check.Passed, check.Measured);

            // The registry's own record: rolled back by failed analyses (not by giving up on too few samples).
            var finished = await registry.GetFromJsonAsync<JsonElement>($"/api/rollouts/{rolloutId}");
            Assert.Equal("rolled-back", finished.GetProperty("phase").GetString());
            Assert.True(finished.GetProperty("failedAnalyses").GetInt32() >= 2, finished.ToString());
            foreach (var analysis in finished.GetProperty("analyses").EnumerateArray())
            {
                output.WriteLine($"analysis at {analysis.GetProperty("weight").GetInt32()} %: {analysis.GetProperty("verdict").GetString()}: "
                    + string.Join("; ", analysis.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("reason").GetString())));
            }

            // Judged again here from the samples: the candidate served, from the canary only.
            var version = $"fashion-edge:{finished.GetProperty("candidate").GetInt32()}";
            var served = samples.Where(s => s.EdgeModelVersion == version).ToList();
            output.WriteLine($"edge answers by node and version: {string.Join(", ", samples.Where(s => s.EdgeNode is not null).GroupBy(s => $"{s.EdgeNode} {s.EdgeModelVersion}").OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"))}");
            Assert.NotEmpty(served);
            Assert.All(served, s => Assert.Contains(s.EdgeNode, canary));
        }
        finally
        {
            // The other experiments' accuracy baselines are of the stable version on every node.
            if (rolloutId is not null)
            {
                using var abort = await registry.PostAsJsonAsync($"/api/rollouts/{rolloutId}/abort", new { reason = "chaos experiment 5 cleanup" });
            }

            await FleetRolloutTests.WaitAsync(async () =>
            {
                foreach (var device in devices)
                {
                    if ((await FleetRolloutTests.DeviceAsync(registry, device))?.GetProperty("running").GetProperty("version").GetInt32() != stable)
                    {
                        return false;
                    }
                }

                return true;
            }, "every edge device back on the stable version");
        }
    }

    /// <summary>
    /// The rollout of experiment 5: a third of the fleet (one node of three) first, an analysis every 5 s, limits as
    /// generous as in RolloutTests; the bad candidate fails accuracy by about 80 points, far beyond any of them. 20
    /// samples a group: the canary sees about a third of 12 requests/s.
    /// </summary>
    private static Task<JsonElement> StartRolloutAsync(HttpClient registry, int candidate, int stable) =>
        RegistryRollouts.StartEdgeAsync(registry, candidate, stable, intervalSeconds: 5, minSamples: 20, "chaos experiment 5: bad model on the canary");

    /// <summary>
    /// Requests wholly inside the fault's effect: sent once every service has picked the fault up, answered a
    /// second before its end, since services end faults by their own clock and cut a pending delay at the end.
    /// </summary>
    private static bool InWindow(Sample s, double injected, double ends) =>
        s.AtMs >= injected + ApplyMarginMs && s.AtMs + s.LatencyMs <= ends - ApplyMarginMs;

    private static async Task SetDesiredAsync(HttpClient registry, string[] devices, int version, string reason)
    {
        foreach (var device in devices)
        {
            using var put = await registry.PutAsJsonAsync($"/api/fleet/devices/{device}/desired", new { model = "fashion-edge", version, actor = "chaos-test", reason });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
    }

    private async Task StartAsync(string resource)
    {
        var result = await app.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        output.WriteLine($"start {resource}: {(result.Success ? "ok" : result.Message)}");
    }

    private async Task RestartAsync(string resource)
    {
        if (!(app.App.ResourceNotifications.TryGetCurrentState(resource, out var state) && state.Snapshot.State?.Text is "Running" or "Starting"))
        {
            await StartAsync(resource);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await app.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, wait.Token);
    }

    private static string Versions(IEnumerable<Sample> samples) =>
        string.Join(", ", samples.GroupBy(s => s.EdgeModelVersion ?? "(cloud)").OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));

    private HttpClient ChaosLab()
    {
        var client = app.Client("chaoslab");
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    /// <summary>
    /// Starts the experiment and polls its report until it ends; each action the runner announces is taken by
    /// <paramref name="act"/> (this harness: kill, start, model update) and confirmed with the time it was taken.
    /// </summary>
    private async Task<(JsonElement Report, List<Sample> Samples)> RunAsync(
        HttpClient chaos, string experiment, Func<JsonElement, Task<(DateTimeOffset At, string Detail)>>? act = null, TimeSpan? timeout = null)
    {
        using var started = await chaos.PostAsync($"/api/experiments/{experiment}/run", null);
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"{(int)started.StatusCode} {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(100));
        var taken = new HashSet<string>();
        while (true)
        {
            await Task.Delay(250, cts.Token);
            var report = JsonDocument.Parse(await chaos.GetStringAsync($"/api/experiments/runs/{id}", cts.Token)).RootElement;
            foreach (var action in report.GetProperty("pendingActions").EnumerateArray())
            {
                var actionId = action.GetProperty("id").GetString()!;
                if (act is null || !taken.Add(actionId))
                {
                    continue;
                }

                var (at, detail) = await act(action);
                using var confirmed = await chaos.PostAsJsonAsync($"/api/experiments/runs/{id}/actions/{actionId}", new { performedAt = at, detail }, cts.Token);
                Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
            }

            if (report.GetProperty("status").GetString() != "running")
            {
                output.WriteLine(await chaos.GetStringAsync($"/api/experiments/runs/{id}/report.md", cts.Token));
                var samples = report.GetProperty("samples").EnumerateArray().Select(Sample.From).ToList();
                return (report, samples);
            }
        }
    }

    private static void AssertPassed(JsonElement report)
    {
        var failed = report.GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("passed").GetBoolean()).Select(c => c.ToString());
        Assert.True(report.GetProperty("status").GetString() == "passed", $"{report.GetProperty("status")}: {string.Join("; ", failed)} {(report.TryGetProperty("stopReason", out var reason) ? reason.GetString() : "")}");
        Assert.Equal(0, report.GetProperty("measured").GetProperty("unanswered").GetInt32());
        Assert.True(report.GetProperty("measured").GetProperty("sent").GetInt32() >= 200, "fewer requests than planned");
    }

    private static void AssertExpired(JsonElement report) =>
        Assert.Contains(Timeline(report), e => e.Event == "fault expired");

    private static (double Injected, double Ends) FaultWindow(JsonElement report)
    {
        var timeline = Timeline(report);
        var injected = timeline.Single(e => e.Event == "fault injected").AtMs;
        var ends = timeline.Single(e => e.Event == "fault due to end").AtMs;
        return (injected, ends);
    }

    private static List<(double AtMs, string Node, string Event)> RouterEvents(JsonElement report) =>
        report.GetProperty("measured").GetProperty("routerEvents").EnumerateArray()
            .Select(e => (e.GetProperty("atMs").GetDouble(), e.GetProperty("node").GetString()!, e.GetProperty("event").GetString()!)).ToList();

    private static List<(string Check, string Measured, bool Passed)> Checks(JsonElement report) =>
        report.GetProperty("checks").EnumerateArray()
            .Select(c => (c.GetProperty("check").GetString()!, c.GetProperty("measured").GetString()!, c.GetProperty("passed").GetBoolean())).ToList();

    private static string InjectedId(JsonElement report) => Timeline(report).Single(e => e.Event == "fault due to end").Detail;

    private static List<(double AtMs, string Event, string Detail)> Timeline(JsonElement report) =>
        report.GetProperty("timeline").EnumerateArray()
            .Select(e => (e.GetProperty("atMs").GetDouble(), e.GetProperty("event").GetString()!, e.GetProperty("detail").GetString()!)).ToList();

    private static string Tiers(IEnumerable<Sample> samples) =>
        string.Join(", ", samples.GroupBy(s => s.Tier ?? "(none)").OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));

    private sealed record Sample(string Id, double AtMs, double LatencyMs, int Status, string? Tier, string? Reason, string? EdgeNode, string? EdgeModelVersion)
    {
        public bool Answered => Status == 200;

        public double EndMs => AtMs + LatencyMs;

        public static Sample From(JsonElement e) => new(
            e.GetProperty("id").GetString()!, e.GetProperty("atMs").GetDouble(), e.GetProperty("latencyMs").GetDouble(), e.GetProperty("status").GetInt32(),
            Text(e, "tier"), Text(e, "reason"), Text(e, "edgeNode"), Text(e, "edgeModelVersion"));

        private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
    }
}
