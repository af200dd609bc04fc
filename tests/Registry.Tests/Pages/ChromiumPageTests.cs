using System.Text.RegularExpressions;
using HybridInference.Registry.Tests.Rollouts;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace HybridInference.Registry.Tests.Pages;

/// <summary>
/// The rollout page in a real browser: the registry on Kestrel at a loopback port, Debian's headless
/// chromium loading the page, its DOM after rendering and a screenshot checked for the plotted series.
/// </summary>
public sealed partial class ChromiumPageTests(StoreBackends stores) : IClassFixture<StoreBackends>
{
    [RequiresChromiumFact]
    public async Task RolloutPage_RendersInChromium_WithTheSeriesDrawn()
    {
        var store = stores.ConnectionString(StoreBackends.Garnet);
        await using var fleet = await RolloutFleet.StartAsync(store, devices: 4);
        var rollout = await RolloutPageTests.DriveAsync(fleet, (0.9, 0.9, 2.0), (0.6, 0.9, 2.0), (0.85, 0.88, 4.0));

        // A second registry over the same store, on a real port: Chromium cannot reach an in-memory test server.
        var (http, grpc) = (FreePort.Next(), FreePort.Next());
        await using var served = RolloutFleet.Create(store, fleet.Prefix, fleet.Artifacts, fleet.Clock).WithWebHostBuilder(web =>
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{http}",
                ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpc}",
            })));
        served.UseKestrel();
        served.StartServer();
        // The pages need rollouts:read; the browser comes in through a proxy that signs it in, as in a deployment.
        await using var proxy = await AuthenticatingProxy.StartAsync(new Uri($"http://127.0.0.1:{http}"), TestAuth.OperatorToken);
        var page = new Uri(proxy.Address, $"/rollouts/{Uri.EscapeDataString(rollout.Id)}");
        using var client = new HttpClient();
        var html = PageDocument.Parse(await client.GetStringAsync(page));

        var dom = await Chromium.DumpDomAsync(page);
        var png = PngPixels.Decode(await Chromium.ScreenshotAsync(page, 1400, 3200));

        Assert.Contains(rollout.Id, dom, StringComparison.Ordinal);
        var metrics = rollout.Spec.Metrics.Select(m => m.Name).ToList();
        Assert.Equal(metrics, SvgMetric().Matches(dom).Select(m => m.Groups[1].Value));
        foreach (var metric in metrics)
        {
            foreach (var series in new[] { "canary", "control", "threshold" })
            {
                var points = (string)PageDocument.Under(html.Plot(metric), "polyline", series).Single().Attribute("points")!;
                Assert.Equal(3, points.Split(' ').Length);
                Assert.Contains($"class=\"series {series}\" points=\"{points}\"", dom, StringComparison.Ordinal);
            }
        }

        // Drawn, not only parsed: the series' colours cover real area of the rendered page (a 2 px line of a
        // few hundred pixels per plot); a page whose SVG failed to render would have none of these pixels.
        Assert.Equal((1400, 3200), (png.Width, png.Height));
        Assert.True(png.Count("#e8590c") > 500, $"canary colour pixels: {png.Count("#e8590c")}");
        Assert.True(png.Count("#1971c2") > 500, $"control colour pixels: {png.Count("#1971c2")}");
        Assert.True(png.Count("#e03131") > 300, $"limit colour pixels: {png.Count("#e03131")}");
    }

    [GeneratedRegex("<svg [^>]*data-metric=\"([a-z0-9_]+)\"")]
    private static partial Regex SvgMetric();
}
