namespace HybridInference.Router.Routing;

/// <summary>The decision once the edge has answered.</summary>
/// <param name="Escalate">Ask the cloud and answer with its result.</param>
/// <param name="Tier">The tier whose answer the client gets if every call asked for succeeds.</param>
/// <param name="Reason">Why the cloud is asked (or would have been, when <paramref name="EscalationLimited"/>); null when it is not.</param>
/// <param name="Audit">Also send the request to the cloud off the critical path; the edge answer is returned.</param>
/// <param name="EscalationLimited">The site's cloud budget was spent; the edge answer is returned as <c>edge-degraded</c>.</param>
/// <param name="EdgeConfidence">The edge's top-class probability the verdict was based on.</param>
public sealed record EdgeVerdict(
    bool Escalate,
    AnswerTier Tier,
    EscalationReason? Reason,
    bool Audit,
    bool EscalationLimited,
    double EdgeConfidence);
