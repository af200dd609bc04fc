using HybridInference.Router.Routing;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Routing;

public class RoutingPolicyTests
{
    private static readonly (string, string)[] StandardRules =
    [
        ("hot-gpu", "gpu_temperature_c > 85 -> cloud"),
        ("slow-edge", "p95_latency_ms > 50 -> cloud"),
        ("link-down", "link_down == true -> edge-only"),
    ];

    private readonly FakeTimeProvider _time = new(RoutingTestOptions.Now);

    private static RouteRequest Request(bool priority = false, bool isPrivate = false, EdgeHealth? health = null) =>
        new(RoutingTestOptions.Model, RoutingTestOptions.Site, priority, isPrivate, health ?? RoutingTestOptions.Healthy);

    private RoutingPolicy Policy(double threshold = 0.8, double auditRate = 0, double maxPerSecond = 100, IRandomSource? random = null) =>
        new(
            new StaticRoutingTable(RoutingTestOptions.Create(threshold, auditRate, maxPerSecond, StandardRules)),
            new EscalationLimiter(_time),
            new AuditSampler(random ?? new FixedRandom(0.99)),
            _time);

    [Fact]
    public void Plan_OrdinaryRequest_AsksEdgeFirst()
    {
        var plan = Policy().Plan(Request());

        Assert.Equal(RouteTarget.EdgeFirst, plan.Target);
        Assert.Null(plan.Reason);
        Assert.Equal(0.8, plan.Model.Threshold);
    }

    [Fact]
    public void Plan_UnknownModel_ThrowsUnknownModel()
    {
        var ex = Assert.Throws<UnknownModelException>(() => Policy().Plan(Request() with { Model = "Fashion" }));

        Assert.Equal("Fashion", ex.Model);
        Assert.Contains("Routing:Models:Fashion", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Plan_NoSite_Throws(string? site)
    {
        Assert.ThrowsAny<ArgumentException>(() => Policy().Plan(Request() with { Site = site! }));
    }

    [Fact]
    public void Plan_Priority_GoesToCloudWithReasonPriority()
    {
        var plan = Policy().Plan(Request(priority: true));

        Assert.Equal(RouteTarget.Cloud, plan.Target);
        Assert.Equal("priority", plan.Reason?.Label);
    }

    [Theory]
    [InlineData(90, 10, "rule:hot-gpu")]
    [InlineData(60, 80, "rule:slow-edge")]
    [InlineData(90, 80, "rule:hot-gpu")]
    public void Plan_CloudRuleMatches_GoesToCloudNamingTheFirstRule(double temperature, double p95, string reason)
    {
        var plan = Policy().Plan(Request(health: RoutingTestOptions.Health(temperature, false, p95, false)));

        Assert.Equal(RouteTarget.Cloud, plan.Target);
        Assert.Equal(reason, plan.Reason?.Label);
    }

    [Fact]
    public void Plan_NoHealthKnown_NoRuleApplies()
    {
        var plan = Policy().Plan(new RouteRequest(RoutingTestOptions.Model, RoutingTestOptions.Site));

        Assert.Equal(RouteTarget.EdgeFirst, plan.Target);
    }

    [Fact]
    public void Plan_HealthOlderThanMaxAge_NoRuleApplies()
    {
        var policy = Policy();
        var hot = RoutingTestOptions.Health(99, false, 10, false);

        _time.Advance(TimeSpan.FromSeconds(RoutingDefaults.HealthMaxAgeSeconds));
        var atMaxAge = policy.Plan(Request(health: hot));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var older = policy.Plan(Request(health: hot));

        Assert.Equal(RouteTarget.Cloud, atMaxAge.Target);
        Assert.Equal(RouteTarget.EdgeFirst, older.Target);
    }

    [Fact]
    public void Plan_Private_StaysOnEdgeEvenWhenPriorityAndHot()
    {
        var plan = Policy().Plan(Request(priority: true, isPrivate: true, health: RoutingTestOptions.Health(99, true, 500, false)));

        Assert.Equal(RouteTarget.EdgeOnly, plan.Target);
        Assert.Null(plan.Reason);
    }

    [Fact]
    public void Plan_LinkDown_EdgeOnlyWinsOverPriorityAndEarlierCloudRules()
    {
        var plan = Policy().Plan(Request(priority: true, health: RoutingTestOptions.Health(99, false, 500, linkDown: true)));

        Assert.Equal(RouteTarget.EdgeOnly, plan.Target);
        Assert.Equal("link-down", plan.EdgeOnlyRule);
    }

    [Fact]
    public void Judge_LinkDown_MarksWhatTheCloudWouldHaveAnsweredDegraded_AndNamesTheRuleOtherwise()
    {
        var policy = Policy(threshold: 0.8);
        var cutOff = policy.Plan(Request(health: RoutingTestOptions.Health(60, false, 10, linkDown: true)));
        var priority = policy.Plan(Request(priority: true, health: RoutingTestOptions.Health(60, false, 10, linkDown: true)));
        var privateRequest = policy.Plan(Request(isPrivate: true, health: RoutingTestOptions.Health(60, false, 10, linkDown: true)));

        Assert.True(cutOff.CloudCutOff);
        Assert.Equal((AnswerTier.EdgeDegraded, "low-confidence", false), Verdict(policy.Judge(cutOff, 0.5)));
        Assert.Equal((AnswerTier.Edge, "rule:link-down", false), Verdict(policy.Judge(cutOff, 0.95)));
        Assert.Equal((AnswerTier.EdgeDegraded, "priority", false), Verdict(policy.Judge(priority, 0.95)));
        Assert.False(privateRequest.CloudCutOff);
        Assert.Equal(AnswerTier.Edge, policy.Judge(privateRequest, 0.5).Tier);
    }

    private static (AnswerTier Tier, string? Reason, bool Escalate) Verdict(EdgeVerdict verdict) => (verdict.Tier, verdict.Reason?.Label, verdict.Escalate);

    [Fact]
    public void Plan_CloudBudgetSpent_AsksEdgeMarkedLimited()
    {
        var policy = Policy(maxPerSecond: 1);
        Assert.Equal(RouteTarget.Cloud, policy.Plan(Request(priority: true)).Target);

        var plan = policy.Plan(Request(priority: true));

        Assert.Equal(RouteTarget.EdgeFirst, plan.Target);
        Assert.True(plan.EscalationLimited);
        Assert.Equal("priority", plan.Reason?.Label);
    }

    [Fact]
    public void Judge_ConfidentEdge_AcceptsAsEdge()
    {
        var policy = Policy(threshold: 0.8);

        var verdict = policy.Judge(policy.Plan(Request()), 0.8);

        Assert.False(verdict.Escalate);
        Assert.Equal(AnswerTier.Edge, verdict.Tier);
        Assert.Null(verdict.Reason);
        Assert.False(verdict.Audit);
        Assert.Equal(0.8, verdict.EdgeConfidence);
    }

    [Fact]
    public void Judge_UnsureEdge_EscalatesForLowConfidence()
    {
        var policy = Policy(threshold: 0.8);

        var verdict = policy.Judge(policy.Plan(Request()), 0.79);

        Assert.True(verdict.Escalate);
        Assert.Equal(AnswerTier.Cloud, verdict.Tier);
        Assert.Equal("low-confidence", verdict.Reason?.Label);
    }

    [Fact]
    public void Judge_UnsureEdgeBeyondTheSiteLimit_ReturnsEdgeMarkedDegraded()
    {
        var policy = Policy(threshold: 0.8, maxPerSecond: 2);
        var plan = policy.Plan(Request());
        Assert.True(policy.Judge(plan, 0.1).Escalate);
        Assert.True(policy.Judge(plan, 0.1).Escalate);

        var limited = policy.Judge(plan, 0.1);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        var afterHalfASecond = policy.Judge(plan, 0.1);

        Assert.False(limited.Escalate);
        Assert.True(limited.EscalationLimited);
        Assert.Equal(AnswerTier.EdgeDegraded, limited.Tier);
        Assert.Equal("low-confidence", limited.Reason?.Label);
        Assert.True(afterHalfASecond.Escalate);
    }

    [Fact]
    public void Judge_PrivateRequestUnsure_KeepsEdgeAnswerAndNeverAudits()
    {
        var random = new FixedRandom(0.0);
        var policy = Policy(threshold: 0.8, auditRate: 1, random: random);

        var unsure = policy.Judge(policy.Plan(Request(isPrivate: true)), 0.2);
        var sure = policy.Judge(policy.Plan(Request(isPrivate: true)), 0.99);

        Assert.False(unsure.Escalate);
        Assert.Equal(AnswerTier.Edge, unsure.Tier);
        Assert.False(sure.Audit);
        Assert.Equal(0, random.Calls);
    }

    [Fact]
    public void Judge_ConfidentAndSampled_AuditsWithoutEscalating()
    {
        var policy = Policy(threshold: 0.8, auditRate: 0.25, random: new FixedRandom(0.9, 0.1, 0.3));
        var plan = policy.Plan(Request());

        var verdicts = Enumerable.Range(0, 3).Select(_ => policy.Judge(plan, 0.95)).ToArray();

        Assert.Equal([false, true, false], verdicts.Select(v => v.Audit));
        Assert.All(verdicts, v => Assert.False(v.Escalate));
        Assert.All(verdicts, v => Assert.Equal(AnswerTier.Edge, v.Tier));
        Assert.Equal("audit", verdicts[1].Reason?.Label);
    }

    [Fact]
    public void Judge_AuditWhenBudgetSpent_SkipsTheAudit()
    {
        var policy = Policy(threshold: 0.8, auditRate: 1, maxPerSecond: 1, random: new FixedRandom(0.0));
        var plan = policy.Plan(Request());
        Assert.True(policy.Judge(plan, 0.1).Escalate);

        var verdict = policy.Judge(plan, 0.95);

        Assert.False(verdict.Audit);
        Assert.Equal(AnswerTier.Edge, verdict.Tier);
    }

    [Fact]
    public void Judge_ConfidentAfterLimitedPriorityPlan_MarkedDegraded()
    {
        var policy = Policy(maxPerSecond: 1);
        policy.Plan(Request(priority: true));
        var limitedPlan = policy.Plan(Request(priority: true));

        var verdict = policy.Judge(limitedPlan, 0.99);

        Assert.False(verdict.Escalate);
        Assert.Equal(AnswerTier.EdgeDegraded, verdict.Tier);
        Assert.Equal("priority", verdict.Reason?.Label);
        Assert.True(verdict.EscalationLimited);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Judge_ConfidenceOutsideZeroOne_Throws(double confidence)
    {
        var policy = Policy();

        Assert.Throws<ArgumentOutOfRangeException>(() => policy.Judge(policy.Plan(Request()), confidence));
    }

    [Fact]
    public void Judge_CloudPlan_Throws()
    {
        var policy = Policy();

        Assert.Throws<InvalidOperationException>(() => policy.Judge(policy.Plan(Request(priority: true)), 0.5));
    }

    [Fact]
    public void OnEdgeUnavailable_EdgeFirst_FallsBackToCloudEvenWithoutBudget()
    {
        var policy = Policy(maxPerSecond: 1);
        policy.Plan(Request(priority: true));
        var plan = policy.Plan(Request());

        var fallback = policy.OnEdgeUnavailable(plan);

        Assert.NotNull(fallback);
        Assert.Equal(RouteTarget.Cloud, fallback.Target);
        Assert.Equal("fallback", fallback.Reason?.Label);
        Assert.True(fallback.Degraded);
    }

    [Fact]
    public void OnEdgeUnavailable_EdgeOnly_HasNoFallback()
    {
        var policy = Policy();

        Assert.Null(policy.OnEdgeUnavailable(policy.Plan(Request(isPrivate: true))));
    }

    [Fact]
    public void OnCloudUnavailable_PriorityPlan_AsksEdgeAndMarksItDegraded()
    {
        var policy = Policy(auditRate: 1, random: new FixedRandom(0.0));
        var fallback = policy.OnCloudUnavailable(policy.Plan(Request(priority: true)));

        Assert.NotNull(fallback);
        Assert.Equal(RouteTarget.EdgeOnly, fallback.Target);
        var verdict = policy.Judge(fallback, 0.1);
        Assert.False(verdict.Escalate);
        Assert.False(verdict.Audit);
        Assert.Equal(AnswerTier.EdgeDegraded, verdict.Tier);
        Assert.Equal("priority", verdict.Reason?.Label);
    }

    [Fact]
    public void OnCloudUnavailable_AfterEdgeFallback_NoTierLeft()
    {
        var policy = Policy();
        var cloudFallback = policy.OnEdgeUnavailable(policy.Plan(Request()))!;

        Assert.Null(policy.OnCloudUnavailable(cloudFallback));
    }

    [Fact]
    public void OnCloudUnavailable_EdgePlan_Throws()
    {
        var policy = Policy();

        Assert.Throws<InvalidOperationException>(() => policy.OnCloudUnavailable(policy.Plan(Request())));
    }

    [Fact]
    public void OnCloudUnavailable_EscalatedVerdict_KeepsEdgeAnswerDegraded()
    {
        var policy = Policy();
        var escalated = policy.Judge(policy.Plan(Request()), 0.1);

        var verdict = policy.OnCloudUnavailable(escalated);

        Assert.False(verdict.Escalate);
        Assert.Equal(AnswerTier.EdgeDegraded, verdict.Tier);
        Assert.Equal("low-confidence", verdict.Reason?.Label);
    }

    [Theory]
    [InlineData(AnswerTier.Edge, "edge")]
    [InlineData(AnswerTier.Cloud, "cloud")]
    [InlineData(AnswerTier.EdgeDegraded, "edge-degraded")]
    public void ToLabel_EachTier_IsTheWireLabel(AnswerTier tier, string label) => Assert.Equal(label, tier.ToLabel());

    [Fact]
    public void ToLabel_UndefinedTier_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => ((AnswerTier)42).ToLabel());
}
