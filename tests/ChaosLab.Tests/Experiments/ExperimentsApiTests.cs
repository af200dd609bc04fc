using System.Net;
using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.ChaosLab.Tests.Experiments;

/// <summary>
/// The experiment API and runner in-process on real Garnet and a real clock, against <see cref="FakeRouter"/>,
/// with experiment files in a folder of the test's own.
/// </summary>
public sealed class ExperimentsApiTests : IAsyncLifetime
{
    private readonly StoreBackends _stores = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("experiments-").FullName;
    private FakeRouter _router = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _router = await FakeRouter.StartAsync();
        _factory = new ServiceFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", _stores.ConnectionString(StoreBackends.Garnet));
            web.UseSetting("Store:KeyPrefix", "t" + Guid.NewGuid().ToString("N")[..10]);
            web.UseSetting("Experiments:Directory", _directory);
            web.UseSetting("Experiments:RouterAddress", _router.Address.ToString());
            web.UseSetting("Experiments:RegistryAddress", _router.Address.ToString());
        });
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _router.DisposeAsync();
        _stores.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task BadFile_Is400_NamingEachField()
    {
        Write("broken", """{"name":"broken","traffic":{"requestsPerSecond":0,"durationSeconds":5},"steadyState":{"maxUnanswered":0},"safety":{"maxErrorRate":2}}""");

        var response = await _client.PostAsync("/api/experiments/broken/run", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("was 0", errors.GetProperty("traffic.requestsPerSecond")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("was 2", errors.GetProperty("safety.maxErrorRate")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/experiments/broken")).StatusCode);
    }

    [Fact]
    public async Task UnknownOrPathLikeName_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync("/api/experiments/nothing-here/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync("/api/experiments/..%2Fsecrets/run", null)).StatusCode);
    }

    [Fact]
    public async Task Run_AgainstAHealthyRouter_Passes_AndFindsALostRecord()
    {
        Write("steady", """
            {"name":"steady","traffic":{"requestsPerSecond":40,"durationSeconds":2,"concurrency":4},
             "steadyState":{"maxUnanswered":0,"p99Ms":5000,"allRecorded":true,"recordsWaitSeconds":1,"accuracy":{"baseline":1,"maxDropPoints":0}},
             "faults":[{"offsetSeconds":0.2,"durationSeconds":1,"fault":{"kind":"store-outage","service":"nobody"}}],
             "safety":{"maxErrorRate":0.5}}
            """);
        Assert.Equal(["steady"], JsonSerializer.Deserialize<string[]>(await _client.GetStringAsync("/api/experiments"))!);

        var report = await RunAsync("steady");

        Assert.Equal("passed", report.GetProperty("status").GetString());
        var measured = report.GetProperty("measured");
        Assert.Equal((80, 80, 0), (measured.GetProperty("sent").GetInt32(), measured.GetProperty("answered").GetInt32(), measured.GetProperty("recordsMissing").GetInt32()));
        Assert.Equal(1.0, measured.GetProperty("accuracy").GetDouble());
        Assert.Equal(80, report.GetProperty("samples").GetArrayLength());
        var events = report.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["started", "fault injected", "fault due to end", "fault expired", "traffic ended", "records checked", "finished"], events);
        var markdown = await _client.GetStringAsync($"/api/experiments/runs/{report.GetProperty("id").GetString()}/report.md");
        Assert.Contains("| records | every answered request in the router's prediction log | 80 of 80 present | pass |", markdown, StringComparison.Ordinal);

        // The same experiment with one record the router never wrote: the check fails and names it.
        _router.LoseSuffix = "-7";
        var lost = await RunAsync("steady");
        var runId = lost.GetProperty("id").GetString();
        Assert.Equal("failed", lost.GetProperty("status").GetString());
        Assert.Equal(1, lost.GetProperty("measured").GetProperty("recordsMissing").GetInt32());
        Assert.Equal($"{runId}-7", lost.GetProperty("measured").GetProperty("missingIds")[0].GetString());
    }

    [Fact]
    public async Task Run_OverTheSafetyLimit_StopsEarly_AndClearsItsFaults()
    {
        Write("failing", """
            {"name":"failing","traffic":{"requestsPerSecond":50,"durationSeconds":20,"concurrency":4},
             "steadyState":{"maxUnanswered":0},
             "faults":[{"offsetSeconds":0,"durationSeconds":19,"fault":{"id":"held-1","kind":"store-outage","service":"nobody"}}],
             "safety":{"maxErrorRate":0.5,"minRequests":10,"windowSeconds":1}}
            """);
        _router.FailWith = 503;

        var started = DateTime.UtcNow;
        var report = await RunAsync("failing");

        Assert.Equal("aborted", report.GetProperty("status").GetString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "the run did not stop early");
        Assert.Contains("above the safety limit", report.GetProperty("stopReason").GetString(), StringComparison.Ordinal);
        Assert.True(report.GetProperty("measured").GetProperty("sent").GetInt32() < 1000);
        var events = report.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("event").GetString(), e.GetProperty("detail").GetString())).ToList();
        Assert.Contains(("faults cleared", "1 fault(s) of this experiment removed after the safety stop"), events);
        Assert.Equal("[]", await _client.GetStringAsync("/api/faults"));
    }

    [Fact]
    public async Task SecondRun_WhileOneIsGoing_Is409()
    {
        Write("slow", """{"name":"slow","traffic":{"requestsPerSecond":5,"durationSeconds":3},"steadyState":{"maxUnanswered":0},"safety":{"maxErrorRate":1}}""");

        var first = await _client.PostAsync("/api/experiments/slow/run", null);
        var second = await _client.PostAsync("/api/experiments/slow/run", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Contains(id, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await WaitAsync(id);
    }

    [Fact]
    public async Task Run_WithAHarnessAction_AnnouncesIt_TakesTheConfirmation_AndJudgesTheRoutersAnswer()
    {
        Write("killing", """
            {"name":"killing","traffic":{"requestsPerSecond":20,"durationSeconds":3,"concurrency":4},
             "steadyState":{"maxUnanswered":0},
             "actions":[{"id":"kill-edge-2","offsetSeconds":0.5,"kind":"kill","resource":"edge-2"}],
             "expect":[{"kind":"leaves-rotation","node":"edge-2","after":"kill-edge-2","withinSeconds":1.5}],
             "safety":{"maxErrorRate":0.5}}
            """);
        _router.Edges = Edges(edge2InRotation: true);
        var response = await _client.PostAsync("/api/experiments/killing/run", null);
        var runId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        // Not due yet: nothing to confirm.
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync($"/api/experiments/runs/{runId}/actions/kill-edge-2", null)).StatusCode);
        JsonElement pending = default;
        for (var i = 0; i < 50 && pending.ValueKind != JsonValueKind.Object; i++)
        {
            await Task.Delay(100);
            var report = JsonDocument.Parse(await _client.GetStringAsync($"/api/experiments/runs/{runId}")).RootElement;
            pending = report.GetProperty("pendingActions").EnumerateArray().FirstOrDefault();
        }

        Assert.Equal(("kill-edge-2", "kill", "edge-2"), (pending.GetProperty("id").GetString(), pending.GetProperty("kind").GetString(), pending.GetProperty("resource").GetString()));
        var performed = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync($"/api/experiments/runs/{runId}/actions/kill-edge-2",
            Json(new { performedAt = performed.AddMinutes(-5) }))).StatusCode);
        _router.Edges = Edges(edge2InRotation: false);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsync($"/api/experiments/runs/{runId}/actions/kill-edge-2",
            Json(new { performedAt = performed, detail = "killed pid 7" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync("/api/experiments/runs/r-nothing/actions/kill-edge-2", null)).StatusCode);

        var done = await WaitAsync(runId);

        Assert.Equal("passed", done.GetProperty("status").GetString());
        var checks = done.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c.GetProperty("passed").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["unanswered"] = true, ["action:kill-edge-2"] = true, ["leaves-rotation:edge-2"] = true }, checks);
        var events = done.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("event").GetString(), e.GetProperty("detail").GetString())).ToList();
        Assert.Contains(events, e => e.Item1 == "action due" && e.Item2!.StartsWith("kill-edge-2: kill edge-2;", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Item1 == "action done" && e.Item2!.StartsWith("kill-edge-2: killed pid 7", StringComparison.Ordinal));
        Assert.Contains(("router: out-of-rotation", "edge-2: taken out of the router's rotation"), events);
        Assert.Equal("out-of-rotation", done.GetProperty("measured").GetProperty("routerEvents")[0].GetProperty("event").GetString());
    }

    [Theory]
    [InlineData("edge-1", "passed", "all from the canary (edge-1)")]
    [InlineData("edge-3", "failed", "of fashion-edge:3 from the control group (edge-1; canary edge-3)")]
    public async Task Run_WithARolloutStart_FollowsTheRolloutOnTheRegistry_AndJudgesItsRollback_AndTheControlGroup(string canary, string status, string measured)
    {
        Write("rolling", """
            {"name":"rolling","traffic":{"requestsPerSecond":20,"durationSeconds":3,"concurrency":4},
             "steadyState":{"maxUnanswered":0},
             "actions":[{"id":"bad-model","offsetSeconds":0.3,"kind":"rollout-start","model":"fashion-edge"}],
             "expect":[{"kind":"rollout-rolls-back","after":"bad-model","withinSeconds":2}],
             "safety":{"maxErrorRate":0.5}}
            """);
        const string Id = "fashion-edge-20261128120000-2f3f8f";
        _router.Rollouts[Id] = Rollout("progressing", 25, canary, null);
        var response = await _client.PostAsync("/api/experiments/rolling/run", null);
        var runId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        for (var i = 0; i < 50 && JsonDocument.Parse(await _client.GetStringAsync($"/api/experiments/runs/{runId}")).RootElement.GetProperty("pendingActions").GetArrayLength() == 0; i++)
        {
            await Task.Delay(100);
        }

        // Without the rollout's id the runner could not follow it: refused, still pending.
        var noId = await _client.PostAsync($"/api/experiments/runs/{runId}/actions/bad-model", Json(new { detail = "started" }));
        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        Assert.Contains("detail must be the id of the rollout", await noId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _router.EdgeModelVersion = "fashion-edge:3";
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsync($"/api/experiments/runs/{runId}/actions/bad-model", Json(new { detail = Id }))).StatusCode);
        await Task.Delay(300);
        _router.EdgeModelVersion = "fashion-edge:1";
        await Task.Delay(500);
        _router.Rollouts[Id] = Rollout("rolled-back", 0, canary, DateTimeOffset.UtcNow);

        var done = await WaitAsync(runId);

        Assert.Equal(status, done.GetProperty("status").GetString());
        var check = done.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == "rollout-rolls-back:bad-model");
        Assert.Contains(measured, check.GetProperty("measured").GetString(), StringComparison.Ordinal);
        Assert.Equal(["progressing", "rolled-back"], done.GetProperty("measured").GetProperty("rolloutEvents").EnumerateArray().Select(e => e.GetProperty("phase").GetString()));
        var events = done.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("event").GetString(), e.GetProperty("detail").GetString())).ToList();
        Assert.Contains(("rollout: rolled-back", $"{Id}: rolled-back at 0 % (canary none): failed analysis 2 of 2"), events);
    }

    /// <summary>The registry's answer for the rollout, in the registry's own contract shape.</summary>
    private static string Rollout(string phase, int weight, string canary, DateTimeOffset? finishedAt) => JsonSerializer.Serialize(
        new Rollout
        {
            Id = "fashion-edge-20261128120000-2f3f8f",
            Spec = new RolloutSpec { Model = "fashion-edge", CandidateVersion = 3 },
            Model = "fashion-edge",
            Candidate = 3,
            Stable = 1,
            Phase = phase == "rolled-back" ? RolloutPhase.RolledBack : RolloutPhase.Progressing,
            Weight = weight,
            CanaryDevices = finishedAt is null ? [canary] : [],
            StartedAt = DateTimeOffset.UtcNow,
            StepStartedAt = DateTimeOffset.UtcNow,
            FinishedAt = finishedAt,
            StartedBy = "chaoslab",
            Events = [new(DateTimeOffset.UtcNow, "analysis-failed", finishedAt is null ? "started" : "failed analysis 2 of 2", "controller", weight)],
        },
        RolloutsJsonContext.Default.Rollout);

    [Fact]
    public async Task Run_ExpectingARouterChange_ThatNeverCame_Fails()
    {
        Write("quiet", """
            {"name":"quiet","traffic":{"requestsPerSecond":20,"durationSeconds":2,"concurrency":4},
             "steadyState":{"maxUnanswered":0},
             "faults":[{"offsetSeconds":0.2,"durationSeconds":1,"fault":{"id":"errs","kind":"store-outage","service":"nobody"}}],
             "expect":[{"kind":"breaker-opens","node":"edge-1","after":"errs","withinSeconds":1}],
             "safety":{"maxErrorRate":0.5}}
            """);
        _router.Edges = Edges(edge2InRotation: true);

        var report = await RunAsync("quiet");

        Assert.Equal("failed", report.GetProperty("status").GetString());
        var check = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == "breaker-opens:edge-1");
        Assert.Equal("not seen after errs", check.GetProperty("measured").GetString());
    }

    [Fact]
    public async Task YamlFiles_AreListedAndRead_AndTwoFilesOfOneName_AreRefused()
    {
        File.WriteAllText(Path.Combine(_directory, "in-yaml.yaml"), "name: in-yaml\ntraffic: { requestsPerSecond: 5, durationSeconds: 2 }\nsteadyState: { maxUnanswered: 0 }\nsafety: { maxErrorRate: 1 }\n");
        File.WriteAllText(Path.Combine(_directory, "twice.yml"), "name: twice\n");
        Write("twice", """{"name":"twice"}""");
        File.WriteAllText(Path.Combine(_directory, "bad-yaml.yaml"), "name: [bad\n");

        Assert.Equal(["bad-yaml", "in-yaml", "twice"], JsonSerializer.Deserialize<string[]>(await _client.GetStringAsync("/api/experiments"))!);
        var shown = JsonDocument.Parse(await _client.GetStringAsync("/api/experiments/in-yaml")).RootElement;
        Assert.Equal(5, shown.GetProperty("traffic").GetProperty("requestsPerSecond").GetDouble());

        var twice = await _client.GetAsync("/api/experiments/twice");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("twice.json and twice.yml both exist: keep one", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bad = await _client.GetAsync("/api/experiments/bad-yaml");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not valid YAML", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Edges(bool edge2InRotation) => $$$"""
        [{"node":"edge-1","inRotation":true,"breaker":{"node":"edge-1","state":"closed","opened":0}},
         {"node":"edge-2","inRotation":{{{(edge2InRotation ? "true" : "false")}}},"breaker":{"node":"edge-2","state":"closed","opened":0}}]
        """;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(_directory, name + ".json"), json);

    private async Task<JsonElement> RunAsync(string name)
    {
        var response = await _client.PostAsync($"/api/experiments/{name}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        return await WaitAsync(runId);
    }

    private async Task<JsonElement> WaitAsync(string runId)
    {
        for (var i = 0; i < 300; i++)
        {
            var report = JsonDocument.Parse(await _client.GetStringAsync($"/api/experiments/runs/{runId}")).RootElement;
            if (report.GetProperty("status").GetString() != "running")
            {
                return report;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"run {runId} still running after 30 s");
    }
}
