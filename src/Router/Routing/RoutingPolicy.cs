using HybridInference.Router.Routing.Rules;

namespace HybridInference.Router.Routing;

/// <summary>
/// The decision order: a private request stays on the site; an <c>edge-only</c> rule keeps it there too (the
/// cloud is unreachable or must not be used, whatever else applies); then priority and <c>cloud</c> rules send it
/// to the cloud; otherwise the edge answers and its confidence decides. Every cloud call except a fallback takes
/// a token from the site's budget; without one the edge answer is returned, marked.
/// </summary>
internal sealed class RoutingPolicy(IRoutingTable table, IEscalationLimiter limiter, IAuditSampler audit, TimeProvider time) : IRoutingPolicy
{
    public RoutePlan Plan(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Site, nameof(request));
        var snapshot = table.Current;
        if (!snapshot.Models.TryGetValue(request.Model, out var model))
        {
            throw new UnknownModelException(request.Model);
        }

        if (request.Private)
        {
            return new RoutePlan(request, model, RouteTarget.EdgeOnly);
        }

        // A node that stopped reporting must not keep steering traffic with its last report.
        var health = request.Health is { } h && time.GetUtcNow() - h.ObservedAt <= snapshot.HealthMaxAge ? h : null;
        var rules = EffectiveRules(snapshot.Rules, request.DeviceRules);
        var edgeOnly = FirstMatch(rules, health, RuleAction.EdgeOnly);
        if (edgeOnly is not null)
        {
            return new RoutePlan(request, model, RouteTarget.EdgeOnly, EdgeOnlyRule: edgeOnly.Name, CloudCutOff: health?.LinkDown == true);
        }

        EscalationReason? reason = request.Priority
            ? EscalationReason.Priority
            : FirstMatch(rules, health, RuleAction.Cloud) is { } rule ? EscalationReason.ForRule(rule.Name) : null;
        if (reason is null)
        {
            return new RoutePlan(request, model, RouteTarget.EdgeFirst);
        }

        return limiter.TryAcquire(model, request.Site)
            ? new RoutePlan(request, model, RouteTarget.Cloud, reason)
            : new RoutePlan(request, model, RouteTarget.EdgeFirst, reason, EscalationLimited: true);
    }

    public EdgeVerdict Judge(RoutePlan plan, double edgeConfidence)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!(edgeConfidence >= 0 && edgeConfidence <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(edgeConfidence), edgeConfidence, "an edge confidence is a probability in [0,1]");
        }

        if (plan.Target == RouteTarget.Cloud)
        {
            throw new InvalidOperationException("the plan sends the request to the cloud; there is no edge answer to judge");
        }

        var marked = plan.Degraded || plan.EscalationLimited ? AnswerTier.EdgeDegraded : AnswerTier.Edge;
        if (plan.Target == RouteTarget.EdgeOnly)
        {
            if (plan.CloudCutOff && (plan.Request.Priority || edgeConfidence < plan.Model.Threshold))
            {
                return new EdgeVerdict(false, AnswerTier.EdgeDegraded, plan.Request.Priority ? EscalationReason.Priority : EscalationReason.LowConfidence, false, false, edgeConfidence);
            }

            // No audit either: an edge-only request must not reach the cloud by any path.
            var reason = plan.Reason ?? (plan.CloudCutOff && plan.EdgeOnlyRule is { } rule ? EscalationReason.ForRule(rule) : null);
            return new EdgeVerdict(false, marked, reason, false, plan.EscalationLimited, edgeConfidence);
        }

        if (edgeConfidence < plan.Model.Threshold)
        {
            return limiter.TryAcquire(plan.Model, plan.Request.Site)
                ? new EdgeVerdict(true, AnswerTier.Cloud, EscalationReason.LowConfidence, false, false, edgeConfidence)
                : new EdgeVerdict(false, AnswerTier.EdgeDegraded, EscalationReason.LowConfidence, false, true, edgeConfidence);
        }

        if (plan.EscalationLimited)
        {
            return new EdgeVerdict(false, marked, plan.Reason, false, true, edgeConfidence);
        }

        // Audits share the site's budget so that they can never push the cloud past its limit.
        var audited = audit.ShouldAudit(plan.Model) && limiter.TryAcquire(plan.Model, plan.Request.Site);
        return new EdgeVerdict(false, marked, audited ? EscalationReason.Audit : null, audited, false, edgeConfidence);
    }

    public RoutePlan? OnEdgeUnavailable(RoutePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);

        // No budget check: there is no edge answer to return instead, and the cloud's own breaker protects it.
        return plan.Target == RouteTarget.EdgeOnly
            ? null
            : plan with { Target = RouteTarget.Cloud, Reason = EscalationReason.Fallback, EscalationLimited = false, Degraded = true };
    }

    public RoutePlan? OnCloudUnavailable(RoutePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Target != RouteTarget.Cloud)
        {
            throw new InvalidOperationException($"the plan's target is {plan.Target}; only a cloud plan can fall back to the edge");
        }

        return plan.Reason?.Kind == EscalationKind.Fallback
            ? null
            : plan with { Target = RouteTarget.EdgeOnly, Degraded = true };
    }

    public EdgeVerdict OnCloudUnavailable(EdgeVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict.Escalate ? verdict with { Escalate = false, Tier = AnswerTier.EdgeDegraded } : verdict;
    }

    private static RoutingRule? FirstMatch(IEnumerable<RoutingRule> rules, EdgeHealth? health, RuleAction action) =>
        rules.FirstOrDefault(r => r.Action == action && r.Matches(health));

    /// <summary>
    /// The device's own rules first, then the configured fleet-wide defaults it does not override by name: an
    /// operator who sets <c>hot-gpu</c> at 90 for one hot-running device changes that device's threshold
    /// without losing the other defaults.
    /// </summary>
    internal static IEnumerable<RoutingRule> EffectiveRules(IReadOnlyList<RoutingRule> configured, IReadOnlyList<RoutingRule>? device) =>
        device is not { Count: > 0 }
            ? configured
            : device.Concat(configured.Where(c => !device.Any(d => d.Name == c.Name)));
}
