using System.Net;
using System.Text.Json;
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
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", _stores.ConnectionString(StoreBackends.Garnet));
            web.UseSetting("Store:KeyPrefix", "t" + Guid.NewGuid().ToString("N")[..10]);
            web.UseSetting("Experiments:Directory", _directory);
            web.UseSetting("Experiments:RouterAddress", _router.Address.ToString());
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
