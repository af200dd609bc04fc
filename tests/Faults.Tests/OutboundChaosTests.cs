using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using HybridInference.Faults.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Faults.Tests;

/// <summary>The Simmy strategies in real HttpClients from the factory, against a real loopback server.</summary>
public sealed class OutboundChaosTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Dictionary<string, string?> Services => new() { ["services:cloud-inference:http:0"] = _server.Address.ToString().TrimEnd('/') };

    [Fact]
    public async Task Latency_OnTheLink_DelaysTheCall_AndCountsTheInjection()
    {
        using var host = new ServiceHost("router", TimeProvider.System, new FixedRandom(0.0, 0.5), Services);
        var fault = Faults.Make(new FaultRequest { Kind = "link-latency", Service = "router", Destination = "cloud-inference", LatencyMs = 300, JitterMs = 100, DurationSeconds = 60 }, DateTimeOffset.UtcNow);
        host.State.Replace([fault]);
        long injections = 0;
        using var listener = Listen(host, FaultMetrics.InjectionsName, value => Interlocked.Add(ref injections, value));

        var started = Stopwatch.GetTimestamp();
        var response = await host.Client().GetAsync(_server.Address);
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _server.Requests);
        // Rate draw 0.0 injects; the jitter draw 0.5 adds half of 100 ms.
        Assert.InRange(elapsed.TotalMilliseconds, 345, 10_000);
        Assert.Equal(1, injections);
    }

    [Fact]
    public async Task Latency_ToAnotherDestination_IsNotApplied()
    {
        using var host = new ServiceHost("router", TimeProvider.System, new FixedRandom(0.0), Services);
        host.State.Replace([Faults.Make(Faults.Latency("router", "edge-1", 8000), DateTimeOffset.UtcNow)]);

        var started = Stopwatch.GetTimestamp();
        await host.Client().GetAsync(_server.Address);

        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, 7000);
    }

    [Fact]
    public async Task ErrorStatus_AtRate_InjectsOnlyWhenTheDrawIsBelowTheRate()
    {
        // Draws 0.1 (< 0.5: injected), 0.9 (not), 0.4 (injected).
        using var host = new ServiceHost("router", TimeProvider.System, new FixedRandom(0.1, 0.9, 0.4), Services);
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "link-error", Service = "router", Destination = "cloud-inference", StatusCode = 503, Rate = 0.5, DurationSeconds = 60 }, DateTimeOffset.UtcNow)]);
        var client = host.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync(_server.Address)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], statuses);
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task ErrorStatus_InsideTheClientsOwnRetry_IsRetriedLikeARealError()
    {
        // The fault handler is innermost: the client's retry sees the injected 503 and tries again.
        using var host = new ServiceHost("router", TimeProvider.System, new FixedRandom(0.1, 0.9), Services);
        var factory = host.Services.GetRequiredService<IHttpClientFactory>();
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "link-error", Service = "router", Destination = "cloud-inference", StatusCode = 503, Rate = 0.5, DurationSeconds = 60 }, DateTimeOffset.UtcNow)]);

        // The standard resilience handler (declared on this client) retries 5xx.
        var response = await factory.CreateClient("standard").GetAsync(_server.Address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task ExceptionFault_FailsTheConnection()
    {
        using var host = new ServiceHost("router", TimeProvider.System, new FixedRandom(0.0), new(Services) { ["Faults:PollMilliseconds"] = "100" });
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "link-error", Service = "router", Destination = "cloud-inference", Exception = "connection-failed", DurationSeconds = 60 }, DateTimeOffset.UtcNow)]);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.Client().GetAsync(_server.Address));
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task PartitionFailFast_RefusesAtOnce()
    {
        using var host = new ServiceHost("router", TimeProvider.System, new FixedRandom(0.0), Services);
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "link-partition", Service = "router", Destination = "cloud-inference", DurationSeconds = 60 }, DateTimeOffset.UtcNow)]);

        var started = Stopwatch.GetTimestamp();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Client().GetAsync(_server.Address));

        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _server.Requests);
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, 5000);
    }

    [Fact]
    public async Task PartitionHang_WaitsUntilTheFaultEnds_ThenTheCallGoesThrough()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = new ServiceHost("router", time, new FixedRandom(0.0), Services);
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "link-partition", Service = "router", Destination = "cloud-inference", Mode = "hang", DurationSeconds = 30 }, time.GetUtcNow())]);

        var call = host.Client().GetAsync(_server.Address);
        await Task.Delay(200);
        Assert.False(call.IsCompleted);
        Assert.Equal(0, _server.Requests);

        time.Advance(TimeSpan.FromSeconds(30));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _server.Requests);
        Assert.True(host.State.Current.IsEmpty);
    }

    [Fact]
    public async Task PartitionHang_EndsWithTheCallersCancellation()
    {
        using var host = new ServiceHost("router", TimeProvider.System, new FixedRandom(0.0), Services);
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "link-partition", Service = "router", Destination = "cloud-inference", Mode = "hang", DurationSeconds = 60 }, DateTimeOffset.UtcNow)]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client().GetAsync(_server.Address, cancel.Token));
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task LogicalHostName_IsTheDestination()
    {
        // A client calling through service discovery names the service in the URI itself.
        using var host = new ServiceHost("router", TimeProvider.System, new FixedRandom(0.0), Services);
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "link-partition", Service = "router", Destination = "localhost", DurationSeconds = 60 }, DateTimeOffset.UtcNow)]);
        var byName = new UriBuilder(_server.Address) { Host = "localhost" }.Uri;

        await Assert.ThrowsAsync<HttpRequestException>(() => host.Client().GetAsync(byName));
        Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync(_server.Address)).StatusCode);
    }

    [Fact]
    public async Task ExpiredFault_StopsActing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = new ServiceHost("router", time, new FixedRandom(0.0), Services);
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "link-error", Service = "router", Destination = "*", StatusCode = 500, DurationSeconds = 2 }, time.GetUtcNow())]);
        var client = host.Client();

        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync(_server.Address)).StatusCode);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(_server.Address)).StatusCode);
    }

    private static MeterListener Listen(ServiceHost host, string instrument, Action<long> onValue)
    {
        var meter = host.Services.GetRequiredService<FaultMetrics>().Meter;
        var listener = new MeterListener
        {
            InstrumentPublished = (published, l) =>
            {
                if (ReferenceEquals(published.Meter, meter) && published.Name == instrument)
                {
                    l.EnableMeasurementEvents(published);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => onValue(value));
        listener.Start();
        return listener;
    }
}
