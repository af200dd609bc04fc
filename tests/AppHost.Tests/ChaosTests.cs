using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Xunit.Abstractions;

namespace HybridInference.AppHost.Tests;

/// <summary>A mesh of its own for the chaos experiments: they inject faults into the shared services.</summary>
public sealed class ChaosApp : RunningApp
{
    protected override string[] Arguments => [];
}

/// <summary>
/// Issue 8's experiments run by ChaosLab's runner on the whole system: the committed experiment files,
/// real traffic through the router, faults through the store. Each test judges the runner's verdict and,
/// from the report's samples, what happened inside the fault's window.
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
    public async Task EdgeNodeErrors_AnswersComeFromHealthyNodes_NoRequestWithoutAnAnswer()
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
        // edge-1 served before the fault, and hardly at all during it: a failed call takes a node out of rotation
        // for 5 s, so at a 50 % error rate it stays out (a third of the answers without the fault).
        Assert.Contains(samples, s => s.AtMs < injected && s.EdgeNode == "edge-1");
        Assert.True(byNode.GetValueOrDefault("edge-1") <= during.Count / 10, $"edge-1 answered {byNode.GetValueOrDefault("edge-1")} of {during.Count} during the fault");
        AssertExpired(report);
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

    /// <summary>
    /// Requests wholly inside the fault's effect: sent once every service has picked the fault up, answered a
    /// second before its end, since services end faults by their own clock and cut a pending delay at the end.
    /// </summary>
    private static bool InWindow(Sample s, double injected, double ends) =>
        s.AtMs >= injected + ApplyMarginMs && s.AtMs + s.LatencyMs <= ends - ApplyMarginMs;

    private HttpClient ChaosLab()
    {
        var client = app.App.CreateHttpClient("chaoslab");
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    private async Task<(JsonElement Report, List<Sample> Samples)> RunAsync(HttpClient chaos, string experiment)
    {
        using var started = await chaos.PostAsync($"/api/experiments/{experiment}/run", null);
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"{(int)started.StatusCode} {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(55));
        while (true)
        {
            await Task.Delay(1000, cts.Token);
            var report = JsonDocument.Parse(await chaos.GetStringAsync($"/api/experiments/runs/{id}", cts.Token)).RootElement;
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

    private static string InjectedId(JsonElement report) => Timeline(report).Single(e => e.Event == "fault due to end").Detail;

    private static List<(double AtMs, string Event, string Detail)> Timeline(JsonElement report) =>
        report.GetProperty("timeline").EnumerateArray()
            .Select(e => (e.GetProperty("atMs").GetDouble(), e.GetProperty("event").GetString()!, e.GetProperty("detail").GetString()!)).ToList();

    private static string Tiers(IEnumerable<Sample> samples) =>
        string.Join(", ", samples.GroupBy(s => s.Tier ?? "(none)").OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));

    private sealed record Sample(string Id, double AtMs, double LatencyMs, int Status, string? Tier, string? Reason, string? EdgeNode)
    {
        public bool Answered => Status == 200;

        public static Sample From(JsonElement e) => new(
            e.GetProperty("id").GetString()!, e.GetProperty("atMs").GetDouble(), e.GetProperty("latencyMs").GetDouble(), e.GetProperty("status").GetInt32(),
            Text(e, "tier"), Text(e, "reason"), Text(e, "edgeNode"));

        private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
    }
}
