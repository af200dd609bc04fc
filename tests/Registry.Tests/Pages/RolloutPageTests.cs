using HybridInference.Contracts.Security;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.Registry.Tests.Rollouts;
using HybridInference.Rollouts.State;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Pages;

/// <summary>
/// The rollout pages served by the real registry on the real store, compared with what the API returns for
/// the same rollout: the summary, the timeline, and each plot's series read back through its own axes.
/// </summary>
public sealed class RolloutPageTests(StoreBackends stores) : IClassFixture<StoreBackends>
{
    public static readonly object Spec = new
    {
        model = "fashion-edge",
        candidateVersion = 2,
        steps = new[] { 25, 50, 100 },
        intervalSeconds = 10,
        minSamples = 40,
        failureLimit = 3,
    };

    [Fact]
    public async Task RolloutPage_ShowsSummaryTimeline_AndPlotsEveryAnalysisValue()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4);
        var rollout = await DriveAsync(fleet, (0.9, 0.9, 2.0), (0.6, 0.9, 2.0), (0.85, 0.88, 4.0));

        var (status, html) = await GetAsync(fleet.Http, $"/rollouts/{rollout.Id}");
        var page = PageDocument.Parse(html);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(rollout.Id, page.One("span", "rollout-id").Value);
        Assert.Equal("fashion-edge", page.One("dd", "model").Value);
        Assert.Equal("v1 (stable) → v2 (candidate)", page.One("dd", "versions").Value);
        Assert.Equal(Phase(rollout.Phase), page.One("span", "phase").Value);
        Assert.Equal(rollout.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture), page.One("span", "weight").Value);
        Assert.Equal(string.Join(", ", rollout.CanaryDevices), page.One("span", "canary-devices").Value);
        Assert.Equal(3, rollout.Analyses.Count);

        // The timeline holds every event and every analysis, in time order.
        var timeline = PageDocument.Under(page.One("table", "timeline"), "tbody").Single().Elements().ToList();
        Assert.Equal(rollout.Events.Count + rollout.Analyses.Count, timeline.Count);
        Assert.Equal(rollout.Events.Select(e => e.Kind), timeline.Where(r => PageDocument.HasClass(r, "event")).Select(r => r.Elements().ElementAt(1).Value));
        Assert.Equal(
            rollout.Analyses.Select(a => "analysis: " + a.Verdict.ToString().ToLowerInvariant()),
            timeline.Where(r => PageDocument.HasClass(r, "analysis")).Select(r => r.Elements().ElementAt(1).Value));

        // The latest analysis's table shows the measured values the API returns.
        var latest = rollout.Analyses[^1];
        var rows = PageDocument.Under(page.One("table", "analysis"), "tr").Where(r => r.Attribute("data-metric") is not null).ToList();
        Assert.Equal(latest.Metrics.Select(m => m.Name), rows.Select(r => (string)r.Attribute("data-metric")!));
        foreach (var (metric, row) in latest.Metrics.Zip(rows))
        {
            var cells = row.Elements().ToList();
            Assert.Equal(metric.CanaryValue!.Value, double.Parse(cells[1].Value, System.Globalization.CultureInfo.InvariantCulture), 3);
            Assert.Equal(metric.ControlValue!.Value, double.Parse(cells[2].Value, System.Globalization.CultureInfo.InvariantCulture), 3);
            Assert.Equal(metric.Verdict.ToString().ToLowerInvariant(), cells[7].Value);
        }

        // Each plot, read through its own axis ticks, gives back the analyses' values and the tolerated limit.
        foreach (var metric in latest.Metrics.Select(m => m.Name))
        {
            var plot = page.Plot(metric);
            var axes = new PlotAxes(plot);
            var results = rollout.Analyses.Select(a => (a.At, Result: a.Metrics.Single(m => m.Name == metric))).ToList();
            AssertSeries(axes, plot, "canary", results.Select(r => (r.At, r.Result.CanaryValue!.Value)), metric);
            AssertSeries(axes, plot, "control", results.Select(r => (r.At, r.Result.ControlValue!.Value)), metric);
            AssertSeries(axes, plot, "threshold", results.Select(r => (r.At, ExpectedLimit(metric, r.Result))), metric);
            Assert.Equal(["canary", "control", "threshold"], PageDocument.Under(plot, "g", "legend-entry").Select(e => e.Attribute("class")!.Value.Split(' ')[1]));
            Assert.Contains("tolerated: control", PageDocument.Under(plot, "g", "legend").Single().Value, StringComparison.Ordinal);
            Assert.Equal(3, PageDocument.Under(plot, "circle", "canary").Count());
        }

        // The failed analysis's canary dot says so, in colour and in its tooltip.
        var failedDot = PageDocument.Under(page.Plot("accuracy"), "circle", "canary").ElementAt(1);
        Assert.True(PageDocument.HasClass(failedDot, "verdict-failed"), failedDot.ToString());
        Assert.Contains("failed", failedDot.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolloutPage_WithTooFewSamples_SaysSo_AndDrawsNoSeries()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 3);
        var started = await StartAsync(fleet.Http, Spec);
        await fleet.RecordAsync(started.CanaryDevices[0], 2, count: 5, accuracy: 0.9);
        fleet.Clock.Advance(TimeSpan.FromSeconds(10));
        var rollout = await fleet.Engine.TickAsync(started.Id, CancellationToken.None);
        Assert.Equal(Verdict.Inconclusive, rollout.Analyses[^1].Verdict);

        var page = PageDocument.Parse((await GetAsync(fleet.Http, $"/rollouts/{started.Id}")).Html);

        Assert.Empty(page.All("polyline"));
        Assert.Equal(rollout.Spec.Metrics.Count, page.WithClass("p", "no-data").Count());
        Assert.Contains("too few samples", page.One("table", "analysis").Value, StringComparison.Ordinal);
        Assert.Contains("inconclusive", page.One("table", "timeline").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserText_IsEncoded_NeverMarkup()
    {
        const string reason = "<script>alert('reason')</script> & \"quotes\"";
        const string actor = "\"><img src=x onerror=alert(1)>";
        const string pause = "</td></tr></table><script>document.body.innerHTML=''</script>";
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/rollouts")
        {
            Content = JsonContent.Create(new { model = "fashion-edge", candidateVersion = 2, steps = new[] { 50, 100 }, reason }),
        };
        // The actor is the token's subject, which an issuer may fill with anything: it must still be only text.
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestAuth.Token(actor, Scopes.All));
        using var created = await fleet.Http.SendAsync(request);
        var rollout = JsonSerializer.Deserialize<Rollout>(await created.Content.ReadAsStringAsync(), RolloutStore.Json)!;
        using var pauseRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/rollouts/{rollout.Id}/pause") { Content = JsonContent.Create(new { reason = pause }) };
        pauseRequest.Headers.Authorization = request.Headers.Authorization;
        using var paused = await fleet.Http.SendAsync(pauseRequest);
        paused.EnsureSuccessStatusCode();

        var (_, html) = await GetAsync(fleet.Http, $"/rollouts/{rollout.Id}");
        var (_, list) = await GetAsync(fleet.Http, "/rollouts");
        var (missing, notFound) = await GetAsync(fleet.Http, "/rollouts/" + Uri.EscapeDataString("<img src=x onerror=alert(1)>\""));

        foreach (var text in new[] { html, list, notFound })
        {
            var document = PageDocument.Parse(text);
            Assert.Empty(document.All("script"));
            Assert.Empty(document.All("img"));
            Assert.DoesNotContain("<script>", text, StringComparison.OrdinalIgnoreCase);
        }

        var page = PageDocument.Parse(html);
        Assert.Equal($"{rollout.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {actor}", page.One("dd", "started").Value);
        var events = PageDocument.Under(page.One("table", "timeline"), "tr", "event").ToList();
        Assert.EndsWith(reason, events[0].Elements().ElementAt(3).Value, StringComparison.Ordinal);
        Assert.Equal(pause, events[1].Elements().ElementAt(3).Value);
        Assert.Equal(actor, events[1].Elements().ElementAt(4).Value);
        Assert.Equal(actor, PageDocument.Parse(list).All("td").Last().Value);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("<img src=x onerror=alert(1)>\"", PageDocument.Parse(notFound).One("span", "rollout-id").Value);
    }

    [Fact]
    public async Task UnknownRollout_Is404_AsAPage()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2);

        using var response = await fleet.Http.GetAsync("/rollouts/fashion-edge-20261128120000-abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = PageDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("fashion-edge-20261128120000-abcdef", page.One("span", "rollout-id").Value);
        Assert.Equal("/rollouts", (string?)Assert.Single(PageDocument.Under(page.One("p", "not-found"), "a")).Attribute("href"));
    }

    [Fact]
    public async Task ListPage_LinksEveryRollout_NewestFirst()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2);
        var empty = PageDocument.Parse((await GetAsync(fleet.Http, "/rollouts")).Html);
        Assert.Single(empty.WithClass("p", "empty"));

        var first = await StartAsync(fleet.Http, Spec);
        using (await fleet.Http.PostAsync($"/api/rollouts/{first.Id}/abort", null))
        {
        }

        fleet.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await StartAsync(fleet.Http, Spec);

        var (status, html) = await GetAsync(fleet.Http, "/rollouts");
        var rows = PageDocument.Under(PageDocument.Parse(html).One("table", "rollouts"), "tbody").Single().Elements().ToList();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([$"/rollouts/{second.Id}", $"/rollouts/{first.Id}"], rows.Select(r => (string?)PageDocument.Under(r, "a").Single().Attribute("href")));
        Assert.Equal(["progressing", "rolled-back"], rows.Select(r => PageDocument.Under(r, "td", "phase").Single().Value));
        Assert.Equal(["25 %", "0 %"], rows.Select(r => r.Elements().ElementAt(4).Value));
    }

    /// <summary>Starts <see cref="Spec"/> and runs one analysis per (canary accuracy, control accuracy, canary latency ms) interval.</summary>
    internal static async Task<Rollout> DriveAsync(RolloutFleet fleet, params (double Canary, double Control, double CanaryLatency)[] intervals)
    {
        var rollout = await StartAsync(fleet.Http, Spec);
        foreach (var (canary, control, latency) in intervals)
        {
            foreach (var device in fleet.Devices)
            {
                var isCanary = rollout.CanaryDevices.Contains(device);
                await fleet.RecordAsync(device, isCanary ? 2 : 1, count: 60, accuracy: isCanary ? canary : control,
                    confidence: isCanary ? 0.9 : 0.93, latencyMs: isCanary ? latency : 2.0, escalated: isCanary ? 0.15 : 0.1);
            }

            fleet.Clock.Advance(TimeSpan.FromSeconds(10));
            rollout = await fleet.Engine.TickAsync(rollout.Id, CancellationToken.None);
        }

        return JsonSerializer.Deserialize<Rollout>(await fleet.Http.GetStringAsync($"/api/rollouts/{rollout.Id}"), RolloutStore.Json)!;
    }

    /// <summary>The brief's limits, written independently of the page's code.</summary>
    private static double ExpectedLimit(string metric, MetricResult result) => metric switch
    {
        "accuracy" => result.ControlValue!.Value - result.Threshold,
        "mean_confidence" => result.ControlValue!.Value - (result.Threshold / 100),
        "latency_p95" => result.ControlValue!.Value * result.Threshold,
        "escalation_rate" or "error_rate" => result.ControlValue!.Value + result.Threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static void AssertSeries(PlotAxes axes, System.Xml.Linq.XElement plot, string series, IEnumerable<(DateTimeOffset At, double Value)> expected, string metric)
    {
        var points = PageDocument.Points(PageDocument.Under(plot, "polyline", series).Single());
        var wanted = expected.ToList();
        Assert.Equal(wanted.Count, points.Count);
        foreach (var ((at, value), (x, y)) in wanted.Zip(points))
        {
            Assert.True(Math.Abs(axes.Value(y) - value) <= 2 * axes.ValuePerPixel, $"{metric} {series}: plotted {axes.Value(y)}, measured {value}");
            Assert.True(Math.Abs((axes.Time(x) - at).TotalSeconds) <= 1, $"{metric} {series}: plotted at {axes.Time(x):O}, analysed at {at:O}");
        }
    }

    public static async Task<Rollout> StartAsync(HttpClient http, object spec)
    {
        using var response = await http.PostAsJsonAsync("/api/rollouts", spec);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonSerializer.Deserialize<Rollout>(text, RolloutStore.Json)!;
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Phase(RolloutPhase phase) => phase == RolloutPhase.RolledBack ? "rolled-back" : phase.ToString().ToLowerInvariant();
}
