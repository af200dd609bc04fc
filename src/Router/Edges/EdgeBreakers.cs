using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace HybridInference.Router.Edges;

/// <summary>
/// One Polly circuit breaker per edge node, in the edge client's pipeline (one pipeline instance per node).
/// A node whose calls fail at <see cref="EdgeBreakerOptions.FailureRatio"/> or more opens its breaker: calls
/// to it are refused at once (the hedging asks another node) and YARP takes it out of rotation for the break,
/// after which one trial call closes the breaker again or reopens it. The state of each breaker is kept here
/// for the admin endpoint (<c>GET /admin/edges</c>) and the metrics.
/// </summary>
public sealed partial class EdgeBreakers
{
    public const string TransitionsName = "router.edge.breaker.transitions";
    public const string StateName = "router.edge.breaker.state";

    private readonly ConcurrentDictionary<string, NodeBreaker> _nodes = new(StringComparer.Ordinal);
    private readonly EdgeBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EdgeBreakers> _logger;
    private readonly Counter<long> _transitions;

    public EdgeBreakers(IOptions<EdgeBreakerOptions> options, TimeProvider time, IMeterFactory meters, ILogger<EdgeBreakers> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        Meter = meters.Create(ServiceDefaults.Telemetry.SourceName);
        _transitions = Meter.CreateCounter<long>(TransitionsName, unit: "{transition}", description: "Edge node circuit breakers changing state (tag state: open, half-open, closed).");
        Meter.CreateObservableGauge(StateName, () => _nodes.Select(n => new Measurement<int>((int)n.Value.State, new KeyValuePair<string, object?>("edge.node", n.Key))),
            unit: "{state}", description: "Each edge node's breaker: 0 closed, 1 open, 2 half-open (Polly's CircuitState values).");
    }

    /// <summary>This host's meter (tests with several hosts in one process listen to their own).</summary>
    public Meter Meter { get; }

    public TimeSpan BreakDuration => TimeSpan.FromSeconds(_options.BreakSeconds);

    /// <summary>
    /// Adds <paramref name="node"/>'s breaker to its pipeline. <paramref name="opened"/> is told each time it opens,
    /// with the break's length (the router takes the node out of rotation for that long).
    /// </summary>
    public ResiliencePipelineBuilder<HttpResponseMessage> AddTo(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, string node, Action<TimeSpan>? opened = null)
    {
        var breaker = _nodes.GetOrAdd(node, _ => new NodeBreaker());
        return pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "edge-breaker",
            FailureRatio = _options.FailureRatio,
            MinimumThroughput = _options.MinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(_options.SamplingSeconds),
            BreakDuration = BreakDuration,
            OnOpened = args =>
            {
                var reason = Describe(args.Outcome);
                breaker.Opened(_time.GetUtcNow(), reason);
                _transitions.Add(1, new("edge.node", node), new("state", "open"));
                LogOpened(node, args.BreakDuration.TotalSeconds, reason);
                opened?.Invoke(args.BreakDuration);
                return default;
            },
            OnHalfOpened = _ =>
            {
                breaker.HalfOpened();
                _transitions.Add(1, new("edge.node", node), new("state", "half-open"));
                return default;
            },
            OnClosed = _ =>
            {
                breaker.Closed(_time.GetUtcNow());
                _transitions.Add(1, new("edge.node", node), new("state", "closed"));
                LogClosed(node);
                return default;
            },
        });
    }

    /// <summary>Every node's breaker as it stands, by node name.</summary>
    public IReadOnlyList<EdgeBreakerState> Snapshot() =>
        [.. _nodes.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => n.Value.Describe(n.Key))];

    /// <summary>One node's breaker; null before the router called the node once (the pipeline is built on first use).</summary>
    public EdgeBreakerState? For(string node) => _nodes.TryGetValue(node, out var breaker) ? breaker.Describe(node) : null;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? $"{ex.GetType().Name}: {ex.Message}"
        : outcome.Result is { } response ? $"HTTP {(int)response.StatusCode} {(response.StatusCode == HttpStatusCode.ServiceUnavailable ? "Service Unavailable" : response.ReasonPhrase)}"
        : "unknown";

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Edge node {Node}: circuit breaker opened for {Seconds} s (last failure: {Reason}); its traffic goes to the other nodes")]
    private partial void LogOpened(string node, double seconds, string reason);

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "Edge node {Node}: circuit breaker closed, a trial call succeeded")]
    private partial void LogClosed(string node);

    private sealed class NodeBreaker
    {
        private readonly Lock _gate = new();
        private long _opened;
        private DateTimeOffset? _lastOpenedAt;
        private DateTimeOffset? _lastClosedAt;
        private string? _lastReason;

        private volatile int _state = (int)CircuitState.Closed;

        /// <summary>
        /// Kept from the breaker's own callbacks rather than a <see cref="CircuitBreakerStateProvider"/>: the pipeline
        /// registry may build a node's pipeline twice when its first calls race and keeps one, and a provider bound to
        /// the discarded one reads a disposed breaker. Only the pipeline in use calls back.
        /// </summary>
        public CircuitState State => (CircuitState)_state;

        public void HalfOpened() => _state = (int)CircuitState.HalfOpen;

        public void Opened(DateTimeOffset at, string reason)
        {
            _state = (int)CircuitState.Open;
            lock (_gate)
            {
                _opened++;
                _lastOpenedAt = at;
                _lastReason = reason;
            }
        }

        public void Closed(DateTimeOffset at)
        {
            _state = (int)CircuitState.Closed;
            lock (_gate)
            {
                _lastClosedAt = at;
            }
        }

        public EdgeBreakerState Describe(string node)
        {
            lock (_gate)
            {
                return new EdgeBreakerState(node, State switch
                {
                    CircuitState.Open => "open",
                    CircuitState.HalfOpen => "half-open",
                    _ => "closed",
                }, _opened, _lastOpenedAt, _lastClosedAt, _lastReason);
            }
        }
    }
}

/// <summary>One node's breaker as the admin endpoint shows it: its state, how often it opened, when and why last.</summary>
public sealed record EdgeBreakerState(string Node, string State, long Opened, DateTimeOffset? LastOpenedAt, DateTimeOffset? LastClosedAt, string? LastReason);
