using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Router.Edges;
using HybridInference.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridInference.Router.Tests.Fleet;

/// <summary>The router reading the real registry's device list, on Garnet and redis-server.</summary>
public sealed class FleetPollerTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    public static TheoryData<string> Stores => StoreBackends.Available();

    private static string NewId(string role) => $"{role}-{Guid.NewGuid().ToString("N")[..8]}";

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task DeviceList_ReachesTheRouter_WithStateAndParsedRules_AndABadRuleSkippedAndLoggedOnce(string store)
    {
        var registry = await fixture.RegistryAsync(store);
        var (a, b) = (NewId("a"), NewId("b"));
        await registry.RegisterAsync(a);
        await registry.RegisterAsync(b);

        // The registry checks only a rule's shape: 'gpu_temp' passes there and must be refused by the router.
        await registry.SetRulesAsync(a, ("hot-gpu", "gpu_temperature_c > 70 -> cloud"), ("typo", "gpu_temp > 85 -> cloud"), ("cut-off", "link_down == true -> edge-only"));
        await using var router = new FleetRouterFactory(fixture.Store(store), registry.CreateHandler, nodes: [a, b]);
        _ = router.Services;

        Assert.True(await router.Poller.PollOnceAsync(CancellationToken.None));
        Assert.True(await router.Poller.PollOnceAsync(CancellationToken.None));

        var deviceA = router.View.Current.Find(a);
        Assert.NotNull(deviceA);
        Assert.Equal("online", deviceA.State);
        Assert.False(deviceA.IsOffline);
        Assert.Equal(["hot-gpu", "cut-off"], deviceA.Rules.Select(r => r.Name));
        Assert.Equal("gpu_temperature_c > 70 -> cloud", deviceA.Rules[0].Expression);
        var rejected = Assert.Single(deviceA.RejectedRules);
        Assert.Contains("unknown field 'gpu_temp'", rejected, StringComparison.Ordinal);
        Assert.Empty(router.View.RulesFor(b));
        Assert.Single(router.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"device {a}", StringComparison.Ordinal) && e.Message.Contains("'typo'", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task OfflineDevice_GetsNoTraffic_ThoughYarpHasItAvailable_UnknownDeviceStillDoes_AndOnlineAgainGetsTraffic(string store)
    {
        var registry = await fixture.RegistryAsync(store);
        var (a, b, unknown) = (NewId("a"), NewId("b"), NewId("unknown"));
        await registry.RegisterAsync(a);
        await registry.RegisterAsync(b);
        await using var router = new FleetRouterFactory(fixture.Store(store), registry.CreateHandler, nodes: [a, b, unknown]);
        var selector = router.Services.GetRequiredService<EdgeSelector>();

        // a falls silent: past Fleet:OfflineAfterSeconds (10 s here) on the registry's clock; b keeps talking.
        registry.Clock.Advance(TimeSpan.FromSeconds(11));
        await registry.TouchAsync(b);
        Assert.True(await router.Poller.PollOnceAsync(CancellationToken.None));
        var whileOffline = Picks(selector, 200);

        await registry.TouchAsync(a);
        Assert.True(await router.Poller.PollOnceAsync(CancellationToken.None));
        var online = Picks(selector, 200);

        Assert.True(router.View.IsOffline(a) is false);
        Assert.DoesNotContain(a, whileOffline.Keys);
        Assert.True(whileOffline.GetValueOrDefault(b) > 40, $"b was picked {whileOffline.GetValueOrDefault(b)} of 200 times");
        Assert.True(whileOffline.GetValueOrDefault(unknown) > 40, $"the device the registry does not know was picked {whileOffline.GetValueOrDefault(unknown)} of 200 times");
        Assert.True(online.GetValueOrDefault(a) > 20, $"a, online again, was picked {online.GetValueOrDefault(a)} of 200 times");
    }

    [Fact]
    public async Task AllDevicesOffline_RouterIsNotReady_AndPicksNone()
    {
        var registry = await fixture.RegistryAsync(StoreBackends.Garnet);
        var a = NewId("a");
        await registry.RegisterAsync(a);
        await using var router = new FleetRouterFactory(fixture.Store(StoreBackends.Garnet), registry.CreateHandler, nodes: [a]);
        using var client = router.CreateClient();

        registry.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await router.Poller.PollOnceAsync(CancellationToken.None));
        using var ready = await client.GetAsync("/v2/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Null(router.Services.GetRequiredService<EdgeSelector>().Pick(null, [], allowOtherSites: true));
    }

    [Fact]
    public async Task RegistryUnreachable_KeepsTheLastList_LogsOncePerOutage_HealthDegraded_AndRecovers()
    {
        var registry = await fixture.RegistryAsync(StoreBackends.Garnet);
        var (a, b) = (NewId("a"), NewId("b"));
        await registry.RegisterAsync(a);
        await registry.RegisterAsync(b);
        registry.Clock.Advance(TimeSpan.FromSeconds(11));
        await registry.TouchAsync(b);
        var partition = new PartitionHandler.Switch();
        await using var router = new FleetRouterFactory(fixture.Store(StoreBackends.Garnet), () => new PartitionHandler(partition, registry.CreateHandler()), nodes: [a, b]);
        using var client = router.CreateClient();
        await router.FirstReadAsync();
        Assert.True(await router.Poller.PollOnceAsync(CancellationToken.None));
        var readAt = router.View.Current.ReadAt;

        partition.Cut = true;
        var failed = new[]
        {
            await router.Poller.PollOnceAsync(CancellationToken.None),
            await router.Poller.PollOnceAsync(CancellationToken.None),
            await router.Poller.PollOnceAsync(CancellationToken.None),
        };
        var degraded = await HealthAsync(client);
        var keptReadAt = router.View.Current.ReadAt;
        var picks = Picks(router.Services.GetRequiredService<EdgeSelector>(), 50);

        partition.Cut = false;
        Assert.True(await router.Poller.PollOnceAsync(CancellationToken.None));
        var healthy = await HealthAsync(client);

        Assert.All(failed, Assert.False);
        Assert.Equal(readAt, keptReadAt);
        Assert.Equal(HttpStatusCode.OK, degraded.Status);
        Assert.Equal("Degraded", degraded.Fleet.GetProperty("status").GetString());
        Assert.Contains("registry unreachable since", degraded.Fleet.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Connection refused", degraded.Fleet.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal([b], picks.Keys);
        Assert.Single(router.Logs.Entries, e => e.Message.StartsWith("Fleet: registry device list at http://registry.test/api/fleet/devices unreadable (Connection refused", StringComparison.Ordinal));
        Assert.Single(router.Logs.Entries, e => e.Message.StartsWith("Fleet: registry device list at http://registry.test/api/fleet/devices readable again", StringComparison.Ordinal));
        Assert.Equal("Healthy", healthy.Fleet.GetProperty("status").GetString());
        Assert.Null(router.View.Failure);
    }

    public static TheoryData<string, string, string> BadLists => new()
    {
        { "application/json", """{"devices":[]}""", "JSON value could not be converted" },
        { "application/json", """[{"id":5,"state":"online"}]""", "JSON value could not be converted" },
        { "application/json", """[{"id":"a","state":"online"}""", "" },
        { "application/json", "null", "the registry answered null instead of a device list" },
        { "text/html", "<html>gateway</html>", "" },
    };

    [Theory]
    [MemberData(nameof(BadLists))]
    public async Task RegistryAnswersGarbage_PollFails_LastListStays_AndTheReasonIsShown(string contentType, string body, string reason)
    {
        await using var server = await LoopbackServer.StartAsync("/api/fleet/devices");
        server.Answer = (200, "application/json", """[{"id":"edge-a","site":"s","state":"offline","health":"offline","lastSeen":null,"desired":null}]""");
        await using var router = new FleetRouterFactory(fixture.Store(StoreBackends.Garnet), null, server.Address.ToString());
        _ = router.Services;
        Assert.True(await router.Poller.PollOnceAsync(CancellationToken.None));

        server.Answer = (200, contentType, body);
        var ok = await router.Poller.PollOnceAsync(CancellationToken.None);

        Assert.False(ok);
        Assert.True(router.View.IsOffline("edge-a"));
        Assert.NotNull(router.View.Failure);
        Assert.Contains(reason, router.View.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryErrorStatus_PollFails_NamingTheStatus()
    {
        await using var server = await LoopbackServer.StartAsync("/api/fleet/devices");
        server.Answer = (503, "application/problem+json", """{"title":"Store unavailable"}""");
        await using var router = new FleetRouterFactory(fixture.Store(StoreBackends.Garnet), null, server.Address.ToString());
        _ = router.Services;

        Assert.False(await router.Poller.PollOnceAsync(CancellationToken.None));
        Assert.Contains("503", router.View.Failure?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryHangs_PollGivesUpAfterTheTimeout()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var router = new FleetRouterFactory(fixture.Store(StoreBackends.Garnet), null, $"http://127.0.0.1:{port}", new Dictionary<string, string?> { ["Fleet:TimeoutMs"] = "200" });
        _ = router.Services;

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ok = await router.Poller.PollOnceAsync(CancellationToken.None);

        Assert.False(ok);
        Assert.Equal("no answer within 200 ms", router.View.Failure?.Reason);
        Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 150, 5_000);
    }

    [Fact]
    public async Task NoRegistryConfigured_ViewDisabled_HealthSaysSo_AndNothingIsSteered()
    {
        await using var router = new FleetRouterFactory(fixture.Store(StoreBackends.Garnet), null, registryAddress: "");
        using var client = router.CreateClient();

        var health = await HealthAsync(client);

        Assert.Null(router.Poller.DevicesAddress);
        Assert.False(await router.Poller.PollOnceAsync(CancellationToken.None));
        Assert.Equal("Healthy", health.Fleet.GetProperty("status").GetString());
        Assert.Contains("no registry configured", health.Fleet.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, Picks(router.Services.GetRequiredService<EdgeSelector>(), 100).Count);
    }

    [Theory]
    [InlineData("Fleet:PollSeconds", "0", "Fleet:PollSeconds must be between 0.1 and 300 (was 0)")]
    [InlineData("Fleet:TimeoutMs", "5", "Fleet:TimeoutMs must be between 10 and 60000 (was 5)")]
    [InlineData("Fleet:RegistryAddress", "ftp://registry", "Fleet:RegistryAddress must be an absolute http(s) address")]
    [InlineData("Fleet:RegistryAddress", "registry", "Fleet:RegistryAddress must be an absolute http(s) address")]
    public async Task BadFleetSetting_FailsStart_NamingTheSetting(string key, string value, string expected)
    {
        await using var router = new FleetRouterFactory(fixture.Store(StoreBackends.Garnet), null, settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => router.CreateClient());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, int> Picks(EdgeSelector selector, int count)
    {
        var picks = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            var node = selector.Pick(null, [], allowOtherSites: true);
            if (node is not null)
            {
                picks[node.Name] = picks.GetValueOrDefault(node.Name) + 1;
            }
        }

        return picks;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Fleet)> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("checks").GetProperty("fleet").Clone());
    }
}
