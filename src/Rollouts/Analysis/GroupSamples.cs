namespace HybridInference.Rollouts.Analysis;

/// <summary>What one group (canary or control) did in an analysis window, reduced to what the checks need.</summary>
public sealed class GroupSamples
{
    /// <summary>Requests this group's tier was asked to answer.</summary>
    public long Requests { get; set; }

    /// <summary>Of those, the ones the tier failed to answer.</summary>
    public long Errors { get; set; }

    /// <summary>Answered requests that carried a ground-truth label.</summary>
    public long Labelled { get; set; }

    public long Correct { get; set; }

    /// <summary>Answered requests the edge was not sure of (escalated for low confidence).</summary>
    public long Escalated { get; set; }

    public List<double> Confidences { get; } = [];

    public List<double> LatenciesMs { get; } = [];

    public long Answered => Confidences.Count;
}
