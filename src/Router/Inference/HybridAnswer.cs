using HybridInference.Router.Tiers;

namespace HybridInference.Router.Inference;

/// <summary>What the router returns for a request: merged probabilities and how each row was answered.</summary>
public sealed record HybridAnswer(
    HybridRequest Request,
    float[] Probabilities,
    int Classes,
    IReadOnlyList<RowOutcome> Rows,
    TierAnswer? Edge,
    TierAnswer? Cloud,
    string? EdgeNode,
    string Site,
    double TotalMs)
{
    /// <summary>The tier label shared by every row, or <c>mixed</c>.</summary>
    public string Tier => Rows.Select(r => r.Tier).Distinct().Count() == 1 ? Rows[0].Tier : "mixed";
}

/// <summary>How one row (image) was answered.</summary>
/// <param name="Tier"><c>edge</c>, <c>cloud</c> or <c>edge-degraded</c>.</param>
/// <param name="Reason">Why the cloud was asked (or would have been), if it was.</param>
/// <param name="EdgeClass">The edge's top class, when the edge answered.</param>
/// <param name="EdgeConfidence">The edge's top probability, when the edge answered.</param>
/// <param name="CloudClass">The cloud's top class, when the cloud answered.</param>
/// <param name="CloudConfidence">The cloud's top probability, when the cloud answered.</param>
/// <param name="Audit">A copy goes to the cloud off the critical path.</param>
public sealed record RowOutcome(string Tier, string? Reason, int? EdgeClass, double? EdgeConfidence, int? CloudClass, double? CloudConfidence, bool Audit);
