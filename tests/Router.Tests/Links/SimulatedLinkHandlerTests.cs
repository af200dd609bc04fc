using System.Net;
using HybridInference.Router.Links;
using HybridInference.Router.Tests.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Links;

public class SimulatedLinkHandlerTests
{
    private sealed class Monitor(SimulatedLinkOptions value) : IOptionsMonitor<SimulatedLinkOptions>
    {
        public SimulatedLinkOptions CurrentValue => value;

        public SimulatedLinkOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SimulatedLinkOptions, string?> listener) => null;
    }

    /// <summary>The far end of the link: answers at once with a body of a given size.</summary>
    private sealed class Echo(int bytes) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[bytes]) });
    }

    [Fact]
    public async Task Send_WaitsHalfTheRoundTripEachWay_PlusJitterAndTransferTime()
    {
        var time = new FakeTimeProvider();
        var options = new SimulatedLinkOptions { LatencyMs = 40, JitterMs = 10, BandwidthKbps = 8 }; // 8 kbit/s = 1 byte/ms
        using var handler = new SimulatedLinkHandler(new Monitor(options), "cloud", time, new FixedRandom(0.5)) { InnerHandler = new Echo(100) };
        using var client = new HttpClient(handler);

        var call = client.PostAsync("http://cloud.test/", new ByteArrayContent(new byte[50]));
        time.Advance(TimeSpan.FromMilliseconds(22.5 + 50 - 1));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.Yield();
        time.Advance(TimeSpan.FromMilliseconds(22.5 + 100 - 1));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        using var response = await call.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Send_NoLatency_PassesStraightThrough()
    {
        var options = new SimulatedLinkOptions { LatencyMs = 0, JitterMs = 0 };
        using var handler = new SimulatedLinkHandler(new Monitor(options), "cloud", new FakeTimeProvider(), new FixedRandom(0.5)) { InnerHandler = new Echo(10) };
        using var client = new HttpClient(handler);

        using var response = await client.GetAsync("http://cloud.test/").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
