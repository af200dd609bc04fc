namespace HybridInference.Router.Routing;

/// <summary>Which tier's answer the client gets; reported in the answer's metadata.</summary>
public enum AnswerTier
{
    Edge,
    Cloud,

    /// <summary>The edge answered although the policy wanted the cloud (limit reached or cloud unavailable).</summary>
    EdgeDegraded,
}

/// <summary>The wire labels of <see cref="AnswerTier"/>.</summary>
public static class AnswerTierLabels
{
    public const string Edge = "edge";
    public const string Cloud = "cloud";
    public const string EdgeDegraded = "edge-degraded";

    public static string ToLabel(this AnswerTier tier) => tier switch
    {
        AnswerTier.Edge => Edge,
        AnswerTier.Cloud => Cloud,
        AnswerTier.EdgeDegraded => EdgeDegraded,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "unknown tier"),
    };
}
