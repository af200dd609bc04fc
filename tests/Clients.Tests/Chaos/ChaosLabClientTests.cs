using System.Net;
using HybridInference.Clients.Chaos;
using HybridInference.Contracts.Chaos;
using HybridInference.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Tests.Chaos;

/// <summary><see cref="ChaosLabClient"/> against the real ChaosLab: every call it makes, and the answers it turns into errors.</summary>
public sealed class ChaosLabClientTests(ChaosLabService chaosLab) : IClassFixture<ChaosLabService>
{
    private readonly ChaosLabClient _client = new(chaosLab.Factory.CreateClient());

    [Fact]
    public async Task SetFaultAsync_ValidRequest_ReturnsTheValidatedFault_ListedAndReadBack()
    {
        var fault = await _client.SetFaultAsync(new FaultRequest
        {
            Id = "client-latency", Kind = "link-latency", Service = "router", Destination = "cloud-inference", LatencyMs = 300, DurationSeconds = 120,
        });

        Assert.Equal(FaultKind.LinkLatency, fault.Kind);
        Assert.Equal("router->cloud-inference", fault.Target);
        Assert.Equal(TimeSpan.FromSeconds(120), fault.ExpiresAt - fault.StartsAt);
        Assert.Contains(await _client.ListFaultsAsync(), f => f.Id == "client-latency" && f.LatencyMs == 300);
        Assert.Equal(fault, await _client.GetFaultAsync("client-latency"));
    }

    [Fact]
    public async Task SetFaultAsync_Partition_ReadsTheKebabCaseMode()
    {
        var fault = await _client.SetFaultAsync(new FaultRequest
        {
            Kind = "link-partition", Service = "router", Destination = "edge-2", Mode = "hang", DurationSeconds = 30,
        });

        Assert.Equal(PartitionMode.Hang, fault.Mode);
        Assert.StartsWith("f-", fault.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetFaultAsync_BadField_Is400ApiException()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => _client.SetFaultAsync(new FaultRequest { Kind = "link-latency", Service = "router", DurationSeconds = 5 }));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("Fault rejected", ex.Detail);
    }

    [Fact]
    public async Task RemoveFaultAsync_RemovesIt_ThenGetIs404WithChaosLabsDetail()
    {
        await _client.SetFaultAsync(new FaultRequest { Id = "client-gone", Kind = "store-outage", Service = "registry", DurationSeconds = 30 });

        await _client.RemoveFaultAsync("client-gone");
        var ex = await Assert.ThrowsAsync<ApiException>(() => _client.GetFaultAsync("client-gone"));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("no active fault with id 'client-gone' (it may have expired)", ex.Detail);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<ApiException>(() => _client.RemoveFaultAsync("client-gone"))).StatusCode);
    }

    [Fact]
    public async Task ClearFaultsAsync_SaysHowManyItEnded()
    {
        using var own = new ChaosLabService();
        var client = new ChaosLabClient(own.Factory.CreateClient());
        await client.SetFaultAsync(new FaultRequest { Kind = "store-outage", Service = "router", DurationSeconds = 30 });
        await client.SetFaultAsync(new FaultRequest { Kind = "device", Service = "edge-1", Device = new DeviceDegradation { Throttle = true }, DurationSeconds = 30 });

        var cleared = await client.ClearFaultsAsync();

        Assert.Equal(2, cleared.Cleared);
        Assert.Empty(await client.ListFaultsAsync());
    }

    [Fact]
    public async Task Experiments_ListAndShow_ReadTheValidatedExperiment()
    {
        Assert.Equal(["broken", "quick"], (await _client.ListExperimentsAsync()).Order(StringComparer.Ordinal));

        var quick = await _client.GetExperimentAsync("quick");

        Assert.Equal("two seconds of refused requests", quick.Description);
        Assert.Equal(4, quick.Traffic.RequestsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(1), quick.Traffic.Duration);
        Assert.Equal(4, quick.Traffic.Requests);
    }

    [Fact]
    public async Task GetExperimentAsync_InvalidFile_Is400_UnknownName_Is404()
    {
        var invalid = await Assert.ThrowsAsync<ApiException>(() => _client.GetExperimentAsync("broken"));
        var unknown = await Assert.ThrowsAsync<ApiException>(() => _client.RunExperimentAsync("nothing-here"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("Experiment 'broken' is invalid", invalid.Detail);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("no experiment 'nothing-here' in ", unknown.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunExperimentAsync_StartsARun_WhoseReportIsFollowedToItsEnd()
    {
        var started = await _client.RunExperimentAsync("quick");
        var report = await WaitAsync(started.Id);
        var markdown = await _client.GetReportMarkdownAsync(started.Id);
        var runs = await _client.ListRunsAsync();

        Assert.Equal(("quick", $"/api/experiments/runs/{started.Id}"), (started.Experiment, started.Report));
        Assert.Equal(RunStatus.Failed, report.Status);
        Assert.NotNull(report.EndedAt);
        Assert.Equal(4, report.Measured!.Sent);
        Assert.Equal(4, report.Measured.Unanswered);
        Assert.All(report.Samples, s => Assert.Equal(0, s.Status));
        Assert.Contains(report.Checks, c => c.Check == "unanswered" && !c.Passed);
        Assert.Equal(["started", "traffic ended", "finished"], report.Timeline.Select(e => e.Event).Where(e => e is "started" or "traffic ended" or "finished"));
        Assert.Contains(started.Id, markdown, StringComparison.Ordinal);
        Assert.Contains(runs, r => r.Id == started.Id && r.Samples.Count == 0);
    }

    [Fact]
    public async Task ConfirmActionAsync_NoSuchRun_Is404()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => _client.ConfirmActionAsync("r-none", "kill-edge-2", new ActionDone(null, "killed")));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.StartsWith("no run 'r-none'", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddChaosLabClient_RegistersTheTypedClientWithItsPipeline()
    {
        var services = new ServiceCollection().AddOperatorCredential();
        services.AddChaosLabClient((_, http) => http.BaseAddress = chaosLab.Factory.Server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => chaosLab.Factory.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();

        var experiments = await provider.GetRequiredService<ChaosLabClient>().ListExperimentsAsync();

        Assert.Contains("quick", experiments);
    }

    [Fact]
    public async Task AnyCall_NobodyListening_IsUnreachable()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}") };

        var ex = await Assert.ThrowsAsync<ApiException>(() => new ChaosLabClient(http).ListFaultsAsync());

        Assert.True(ex.Unreachable);
        Assert.StartsWith("chaoslab at http://127.0.0.1:", ex.Message, StringComparison.Ordinal);
    }

    private async Task<ExperimentReport> WaitAsync(string runId)
    {
        for (var i = 0; i < 300; i++)
        {
            var report = await _client.GetRunAsync(runId);
            if (report.Status != RunStatus.Running)
            {
                return report;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"run {runId} still running after 30 s");
    }
}
