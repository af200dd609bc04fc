using System.Diagnostics.Metrics;
using System.Net;
using HybridInference.Router.Edges;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;

namespace HybridInference.Router.Tests.Edges;

/// <summary>
/// Each edge node's breaker as the router builds it (real Polly strategy, the router's options and callbacks)
/// on a fake clock: when it opens and when not, what it reports, the break and the trial call, and its metrics.
/// </summary>
public sealed class EdgeBreakersTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly List<TimeSpan> _ejections = [];
    private readonly TestMeterFactory _meters = new();
    private readonly EdgeBreakers _breakers;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public EdgeBreakersTests()
    {
        // The defaults: 10 % of at least 8 calls in 10 s opens the breaker for 5 s.
        _breakers = new EdgeBreakers(Options.Create(new EdgeBreakerOptions()), _time, _meters, NullLogger<EdgeBreakers>.Instance);
        _pipeline = _breakers.AddTo(new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }, "edge-1", _ejections.Add).Build();
    }

    public void Dispose() => _meters.Dispose();

    [Fact]
    public async Task OneFailureInEight_OpensTheBreaker_RefusesCalls_AndEjectsTheNodeForTheBreak()
    {
        await CallsAsync(7, HttpStatusCode.OK);
        Assert.Equal("closed", _breakers.For("edge-1")!.State);

        await CallsAsync(1, HttpStatusCode.ServiceUnavailable);

        var state = _breakers.For("edge-1")!;
        Assert.Equal("open", state.State);
        Assert.Equal(1, state.Opened);
        Assert.Equal(_time.GetUtcNow(), state.LastOpenedAt);
        Assert.Equal("HTTP 503 Service Unavailable", state.LastReason);
        Assert.Equal([TimeSpan.FromSeconds(5)], _ejections);

        var called = false;
        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await _pipeline.ExecuteAsync(_ =>
        {
            called = true;
            return ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }));
        Assert.False(called, "an open breaker must not call the node");
    }

    [Fact]
    public async Task FewerCallsThanTheMinimum_NeverOpen_EvenAllFailing()
    {
        await CallsAsync(7, HttpStatusCode.ServiceUnavailable);

        Assert.Equal("closed", _breakers.For("edge-1")!.State);
        Assert.Empty(_ejections);
    }

    [Fact]
    public async Task FailuresBelowTheRatio_KeepItClosed()
    {
        await CallsAsync(19, HttpStatusCode.OK);
        await CallsAsync(1, HttpStatusCode.InternalServerError);

        Assert.Equal("closed", _breakers.For("edge-1")!.State);
        Assert.Equal(0, _breakers.For("edge-1")!.Opened);
    }

    [Fact]
    public async Task RefusedConnections_CountAsFailures()
    {
        for (var i = 0; i < 8; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(async () =>
                await _pipeline.ExecuteAsync<HttpResponseMessage>(_ => throw new HttpRequestException("Connection refused (127.0.0.1:9)")));
        }

        Assert.Equal("open", _breakers.For("edge-1")!.State);
        Assert.Equal("HttpRequestException: Connection refused (127.0.0.1:9)", _breakers.For("edge-1")!.LastReason);
    }

    [Fact]
    public async Task RefusedRequests_4xx_AreTheCallersFault_AndNeverOpenIt()
    {
        await CallsAsync(20, HttpStatusCode.BadRequest);

        Assert.Equal("closed", _breakers.For("edge-1")!.State);
    }

    [Fact]
    public async Task OldCallsLeaveTheWindow_SoAnEarlierSpellDoesNotCountLater()
    {
        await CallsAsync(7, HttpStatusCode.ServiceUnavailable);
        _time.Advance(TimeSpan.FromSeconds(11));
        await CallsAsync(7, HttpStatusCode.OK);
        await CallsAsync(1, HttpStatusCode.OK);

        Assert.Equal("closed", _breakers.For("edge-1")!.State);
    }

    [Fact]
    public async Task AfterTheBreak_ATrialCallThatSucceeds_ClosesIt_OneThatFails_ReopensIt()
    {
        await CallsAsync(8, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("open", _breakers.For("edge-1")!.State);

        _time.Advance(TimeSpan.FromSeconds(5));
        await CallsAsync(1, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("open", _breakers.For("edge-1")!.State);
        Assert.Equal(2, _breakers.For("edge-1")!.Opened);
        Assert.Equal(2, _ejections.Count);

        _time.Advance(TimeSpan.FromSeconds(5));
        await CallsAsync(1, HttpStatusCode.OK);
        var state = _breakers.For("edge-1")!;
        Assert.Equal("closed", state.State);
        Assert.Equal(_time.GetUtcNow(), state.LastClosedAt);
    }

    [Fact]
    public async Task Transitions_AreCountedPerNode_AndTheGaugeReadsTheState()
    {
        var transitions = new List<(long Value, string? Node, string? State)>();
        var states = new List<(int Value, string? Node)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, _breakers.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => transitions.Add((value, Tag(tags, "edge.node"), Tag(tags, "state"))));
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => states.Add((value, Tag(tags, "edge.node"))));
        listener.Start();

        await CallsAsync(8, HttpStatusCode.ServiceUnavailable);
        listener.RecordObservableInstruments();
        Assert.Equal((1, "edge-1"), states[^1]);

        _time.Advance(TimeSpan.FromSeconds(5));
        await CallsAsync(1, HttpStatusCode.OK);
        listener.RecordObservableInstruments();
        Assert.Equal((0, "edge-1"), states[^1]);

        Assert.Equal([(1L, "edge-1", "open"), (1L, "edge-1", "half-open"), (1L, "edge-1", "closed")], transitions);
    }

    [Fact]
    public async Task APipelineBuiltTwiceForOneNode_TheOneInUseIsTheOneReported()
    {
        // The pipeline registry may build a node's pipeline twice when its first calls race, and keep either.
        _ = _breakers.AddTo(new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }, "edge-1").Build();

        await CallsAsync(8, HttpStatusCode.ServiceUnavailable);

        Assert.Equal("open", _breakers.For("edge-1")!.State);
    }

    [Fact]
    public async Task EachNodeHasItsOwnBreaker()
    {
        var other = _breakers.AddTo(new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }, "edge-2").Build();
        await CallsAsync(8, HttpStatusCode.ServiceUnavailable);
        using var answer = await other.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));

        Assert.Equal(["edge-1:open", "edge-2:closed"], _breakers.Snapshot().Select(s => $"{s.Node}:{s.State}"));
    }

    private async Task CallsAsync(int count, HttpStatusCode status)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await _pipeline.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(status)));
        }
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    /// <summary>An <see cref="IMeterFactory"/> whose meters the test can listen to.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
