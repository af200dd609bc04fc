using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Distribution;
using HybridInference.Storage;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Faults.Tests;

/// <summary>
/// A real service (ServiceDefaults, AddStore, AddFaults, UseFaults, an endpoint) on a real Garnet store follows
/// the faults another connection writes, as ChaosLab would write them.
/// </summary>
public sealed class StoreDistributionTests : IClassFixture<StoreBackends>
{
    private readonly StoreBackends _stores;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    public StoreDistributionTests(StoreBackends stores) => _stores = stores;

    [Fact]
    public async Task Service_PicksUpAFaultWithinASecond_AndDropsItWhenRemoved()
    {
        await using var app = await StartServiceAsync("edge-1", TimeProvider.System);
        var client = app.GetTestClient().Authorize();
        await using var chaos = Connect();
        var store = new FaultStore(chaos);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/models/fashion/infer")).StatusCode);

        var fault = Faults.Make(new FaultRequest { Kind = "endpoint-error", Service = "edge-1", Endpoint = "/v2", StatusCode = 503, DurationSeconds = 60 }, DateTimeOffset.UtcNow);
        Assert.True(await store.TryAddAsync(fault, DateTimeOffset.UtcNow));
        var started = Stopwatch.GetTimestamp();
        while ((await client.GetAsync("/v2/models/fashion/infer")).StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1), "the fault was not applied within a second");
            await Task.Delay(20);
        }

        var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains(fault.Id, health.GetProperty("checks").GetProperty("faults").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/other")).StatusCode);

        Assert.True(await store.RemoveAsync(fault.Id));
        started = Stopwatch.GetTimestamp();
        while ((await client.GetAsync("/v2/models/fashion/infer")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1), "the removal was not applied within a second");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task ServiceWithoutFaultsEnabled_HasNoFaultHooks_AndAnswersDespiteAFaultAddressedToIt()
    {
        await using var app = await StartServiceAsync("edge-1", TimeProvider.System, faultsEnabled: false);
        await using var chaos = Connect();
        var fault = Faults.Make(new FaultRequest { Kind = "endpoint-error", Service = "edge-1", Endpoint = "/v2", StatusCode = 503, DurationSeconds = 60 }, DateTimeOffset.UtcNow);
        Assert.True(await new FaultStore(chaos).TryAddAsync(fault, DateTimeOffset.UtcNow));

        // Nothing of the mechanism exists, so nothing can ever read the fault: no state, no poller, no handler
        // on outbound clients, no store interceptor, no health check; the endpoint answers.
        Assert.False(app.Services.GetRequiredService<IOptions<FaultsOptions>>().Value.Enabled);
        Assert.Null(app.Services.GetService<FaultState>());
        Assert.Null(app.Services.GetService<ModelNoise>());
        Assert.Null(app.Services.GetService<Outbound.OutboundFaults>());
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is FaultPoller);
        Assert.DoesNotContain(app.Services.GetServices<Microsoft.Extensions.Http.IHttpMessageHandlerBuilderFilter>(), f => f is Outbound.FaultHandlerFilter);
        Assert.DoesNotContain(app.Services.GetServices<IStoreInterceptor>(), i => i is Store.StoreOutageInterceptor);
        var client = app.GetTestClient().Authorize();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/models/fashion/infer")).StatusCode);
        var checks = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement.GetProperty("checks");
        Assert.False(checks.TryGetProperty("faults", out _));
    }

    [Fact]
    public async Task Fault_ExpiresInTheServiceByItsOwnClock_WhileTheStoreStillHoldsIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await StartServiceAsync("router", time);
        await using var chaos = Connect();
        var store = new FaultStore(chaos);
        var fault = Faults.Make(Faults.Latency("router", "cloud-inference", 300, seconds: 30), time.GetUtcNow());
        await store.TryAddAsync(fault, time.GetUtcNow());
        var poller = app.Services.GetServices<IHostedService>().OfType<FaultPoller>().Single();
        var state = app.Services.GetRequiredService<FaultState>();

        await poller.PollOnceAsync();
        Assert.Equal([fault], state.Current.Active);

        time.Advance(TimeSpan.FromSeconds(30));
        await poller.PollOnceAsync();

        Assert.True(state.Current.IsEmpty);
        Assert.Single(await store.ReadAllAsync());   // the store's TTL is real time: 30 s from now
    }

    [Fact]
    public async Task StoreOutage_FailsTheServicesStoreCommands_AndEndsAtItsExpiryEvenThoughTheStoreCannotBeRead()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await StartServiceAsync("router", time);
        await using var chaos = Connect();
        var store = new FaultStore(chaos);
        var service = app.Services.GetRequiredService<StoreConnection>();
        var poller = app.Services.GetServices<IHostedService>().OfType<FaultPoller>().Single();
        var state = app.Services.GetRequiredService<FaultState>();
        var outage = Faults.Make(new FaultRequest { Kind = "store-outage", Service = "router", DurationSeconds = 30 }, time.GetUtcNow());
        await store.TryAddAsync(outage, time.GetUtcNow());

        await poller.PollOnceAsync();
        Assert.Equal(outage, state.Current.First(FaultKind.StoreOutage));
        await Assert.ThrowsAsync<StackExchange.Redis.RedisConnectionException>(() => service.Database.StringGetAsync(_prefix + ":any"));
        Assert.Throws<StackExchange.Redis.RedisConnectionException>(() => service.Database.StringGet(_prefix + ":any"));
        var batch = service.Database.CreateBatch();
        var queued = batch.StringSetAsync(_prefix + ":batched", "x");
        batch.Execute();
        await Assert.ThrowsAsync<StackExchange.Redis.RedisConnectionException>(() => queued);
        Assert.Equal("Unhealthy", await HealthOfAsync(app, "store"));

        // ChaosLab clears every fault, but the service cannot read the store: the outage goes on.
        await store.ClearAsync();
        await poller.PollOnceAsync();
        Assert.NotNull(state.Current.First(FaultKind.StoreOutage));

        // Its own copy of the expiry ends it.
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(state.Current.First(FaultKind.StoreOutage));
        Assert.True(await service.Database.StringSetAsync(_prefix + ":after", "ok"));
        await poller.PollOnceAsync();
        Assert.True(state.Current.IsEmpty);
        Assert.Equal("Healthy", await HealthOfAsync(app, "store"));
    }

    [Fact]
    public async Task FaultStore_KeysCarryTheExpiryAsTtl_AndTheIndexIsPrunedOfExpiredIds()
    {
        await using var chaos = Connect();
        var store = new FaultStore(chaos);
        var now = DateTimeOffset.UtcNow;
        var shortLived = Faults.Make(new FaultRequest { Kind = "store-outage", Service = "x", DurationSeconds = 1 }, now);
        var longer = Faults.Make(new FaultRequest { Kind = "store-outage", Service = "y", DurationSeconds = 600 }, now);
        Assert.True(await store.TryAddAsync(shortLived, now));
        Assert.True(await store.TryAddAsync(longer, now));
        Assert.False(await store.TryAddAsync(longer with { Service = "z" }, now));

        var ttl = await chaos.Database.KeyTimeToLiveAsync(store.FaultKey(longer.Id));
        Assert.InRange(ttl!.Value.TotalSeconds, 590, 600);
        Assert.InRange((await chaos.Database.KeyTimeToLiveAsync(store.IndexKey))!.Value.TotalSeconds, 590, 600);

        await Task.Delay(1300);
        Assert.Equal([longer.Id], (await store.ReadAllAsync()).Select(fault => fault.Id));
        Assert.Equal(1, await chaos.Database.SetLengthAsync(store.IndexKey));
        Assert.Equal(1, await store.ClearAsync());
        Assert.Empty(await store.ReadAllAsync());
        Assert.False(await chaos.Database.KeyExistsAsync(store.IndexKey));
    }

    private static async Task<string?> HealthOfAsync(WebApplication app, string check) =>
        JsonDocument.Parse(await (await app.GetTestClient().GetAsync("/health")).Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty(check).GetProperty("status").GetString();

    private StoreConnection Connect() => new(
        Options.Create(new StoreOptions { ConnectionString = _stores.ConnectionString(StoreBackends.Garnet), KeyPrefix = _prefix }),
        NullLogger<StoreConnection>.Instance);

    /// <param name="faultsEnabled">False leaves <c>Faults:Enabled</c> out of the configuration, as a production service has it.</param>
    private async Task<WebApplication> StartServiceAsync(string service, TimeProvider time, bool faultsEnabled = true)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:store"] = _stores.ConnectionString(StoreBackends.Garnet);
        builder.Configuration["Store:KeyPrefix"] = _prefix;
        builder.Configuration["Faults:Service"] = service;
        if (faultsEnabled)
        {
            builder.Configuration["Faults:Enabled"] = "true";
        }

        builder.Configuration["Faults:PollMilliseconds"] = "100";
        builder.Configuration["Auth:SigningKey"] = TestAuth.SigningKey;
        builder.Services.AddSingleton(time);
        builder.AddServiceDefaults();
        builder.AddStore();
        builder.AddFaults();
        var app = builder.Build();
        app.UseFaults();
        app.MapDefaultEndpoints();
        // Stand-ins for a service's endpoints, open: these tests are about the faults, not the door.
        app.MapGet("/v2/models/fashion/infer", () => "answer").AllowAnonymous();
        app.MapGet("/other", () => "other").AllowAnonymous();
        await app.StartAsync();
        return app;
    }
}
