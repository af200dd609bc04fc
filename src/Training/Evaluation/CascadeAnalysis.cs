namespace HybridInference.Training.Evaluation;

/// <summary>
/// Edge-then-cloud cascade arithmetic over per-image edge confidences and correctness of both models.
/// </summary>
public sealed class CascadeAnalysis
{
    private readonly float[] _confidence;
    private readonly bool[] _edgeCorrect;
    private readonly bool[] _cloudCorrect;

    public CascadeAnalysis(IReadOnlyList<float> edgeConfidence, IReadOnlyList<bool> edgeCorrect, IReadOnlyList<bool> cloudCorrect)
    {
        ArgumentNullException.ThrowIfNull(edgeConfidence);
        ArgumentNullException.ThrowIfNull(edgeCorrect);
        ArgumentNullException.ThrowIfNull(cloudCorrect);
        if (edgeConfidence.Count == 0 || edgeConfidence.Count != edgeCorrect.Count || edgeCorrect.Count != cloudCorrect.Count)
        {
            throw new ArgumentException($"need the same non-zero number of confidences ({edgeConfidence.Count}), edge results ({edgeCorrect.Count}) and cloud results ({cloudCorrect.Count})");
        }

        _confidence = [.. edgeConfidence];
        _edgeCorrect = [.. edgeCorrect];
        _cloudCorrect = [.. cloudCorrect];
        EdgeAccuracy = Share(_edgeCorrect);
        CloudAccuracy = Share(_cloudCorrect);
    }

    /// <summary>The thresholds of the standard cascade table.</summary>
    public static IReadOnlyList<double> StandardThresholds { get; } = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99];

    public double EdgeAccuracy { get; }

    public double CloudAccuracy { get; }

    public int Count => _confidence.Length;

    /// <summary>
    /// Share of the edge-to-cloud gap an accuracy recovers; 0 when the cloud model is not more accurate,
    /// since then there is no gap and escalating cannot be worth anything.
    /// </summary>
    public double GapRecovered(double accuracy)
    {
        var gap = CloudAccuracy - EdgeAccuracy;
        return gap <= 0 ? 0 : (accuracy - EdgeAccuracy) / gap;
    }

    public CascadeRow At(double threshold)
    {
        var correct = 0;
        var escalated = 0;
        for (var i = 0; i < Count; i++)
        {
            var escalate = _confidence[i] < threshold;
            escalated += escalate ? 1 : 0;
            correct += (escalate ? _cloudCorrect[i] : _edgeCorrect[i]) ? 1 : 0;
        }

        var accuracy = (double)correct / Count;
        return new CascadeRow(threshold, accuracy, (double)escalated / Count, GapRecovered(accuracy));
    }

    public IReadOnlyList<CascadeRow> Table(IEnumerable<double> thresholds) => thresholds.Select(At).ToArray();

    /// <summary>
    /// The cheapest threshold whose cascade recovers at least <paramref name="targetGapRecovered"/> of the gap:
    /// escalates the least-confident images first and stops at the first cut that reaches the target. Only cuts
    /// between distinct confidences are considered, because a threshold cannot split equal confidences.
    /// Returns null when not even escalating everything reaches the target.
    /// </summary>
    public CascadeRow? SmallestEscalationFor(double targetGapRecovered)
    {
        var order = Enumerable.Range(0, Count).OrderBy(i => _confidence[i]).ThenBy(i => i).ToArray();
        var correct = _edgeCorrect.Count(c => c);
        for (var k = 0; k <= Count; k++)
        {
            // A cut is valid before image k when k is 0, Count, or a new confidence value starts at k.
            if (k == 0 || k == Count || _confidence[order[k]] != _confidence[order[k - 1]])
            {
                var accuracy = (double)correct / Count;
                if (GapRecovered(accuracy) >= targetGapRecovered)
                {
                    var threshold = k == Count ? double.PositiveInfinity : _confidence[order[k]];
                    return new CascadeRow(threshold, accuracy, (double)k / Count, GapRecovered(accuracy));
                }
            }

            if (k < Count)
            {
                var i = order[k];
                correct += (_cloudCorrect[i] ? 1 : 0) - (_edgeCorrect[i] ? 1 : 0);
            }
        }

        return null;
    }

    /// <summary>The same analysis restricted to the images whose index satisfies <paramref name="include"/>.</summary>
    public CascadeAnalysis Subset(Func<int, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var indices = Enumerable.Range(0, Count).Where(include).ToArray();
        return new CascadeAnalysis(
            indices.Select(i => _confidence[i]).ToArray(),
            indices.Select(i => _edgeCorrect[i]).ToArray(),
            indices.Select(i => _cloudCorrect[i]).ToArray());
    }

    private static double Share(bool[] values) => (double)values.Count(v => v) / values.Length;
}
