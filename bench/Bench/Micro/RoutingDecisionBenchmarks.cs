using BenchmarkDotNet.Attributes;
using HybridInference.Router.Routing;

namespace HybridInference.Bench.Micro;

/// <summary>
/// The router's per-request decision with the shipped configuration (threshold, audit rate, three health
/// rules): plan, then judge a confident edge answer, with and without a fresh health report to match rules against.
/// </summary>
[MemoryDiagnoser]
public class RoutingDecisionBenchmarks
{
    private RoutingPolicy _policy = null!;
    private RouteRequest _plain = null!;
    private RouteRequest _withHealth = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new RoutingOptions
        {
            Models = { ["fashion"] = new ModelRoutingOptions { Threshold = 0.8336, AuditRate = 0.001, MaxEscalationsPerSecondPerSite = 1000 } },
            Rules =
            {
                new RuleOptions { Name = "link-down", Expression = "link_down == true -> edge-only" },
                new RuleOptions { Name = "hot-gpu", Expression = "gpu_temperature_c > 85 -> cloud" },
                new RuleOptions { Name = "slow-edge", Expression = "p95_latency_ms > 250 -> cloud" },
            },
        };
        var table = new FixedRoutingTable(RoutingSnapshot.From(options, 1, TimeProvider.System.GetUtcNow()));
        _policy = new RoutingPolicy(table, new EscalationLimiter(TimeProvider.System), new AuditSampler(new SharedRandomSource()), TimeProvider.System);
        _plain = new RouteRequest("fashion", "site-1");

        // Fresh for the whole run (HealthMaxAgeSeconds is 15 by default; a run's iterations are shorter apart).
        _withHealth = _plain with { Health = new EdgeHealth(60, false, 12, false, DateTimeOffset.UtcNow.AddHours(1)) };
    }

    [Benchmark(Baseline = true)]
    public EdgeVerdict PlanAndJudge() => _policy.Judge(_policy.Plan(_plain), 0.9);

    [Benchmark]
    public EdgeVerdict PlanAndJudgeWithHealthRules() => _policy.Judge(_policy.Plan(_withHealth), 0.9);

    private sealed class FixedRoutingTable(RoutingSnapshot snapshot) : IRoutingTable
    {
        public RoutingSnapshot Current => snapshot;
    }
}
