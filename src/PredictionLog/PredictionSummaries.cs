using HybridInference.Contracts.Predictions;

namespace HybridInference.PredictionLog;

/// <summary>
/// Computes the contract's <see cref="PredictionSummary"/> from the log's records, as
/// <c>PredictionSummary.Of(records, from, to)</c>: the record type and the computation stay with the log,
/// the shape on the wire lives in Contracts.
/// </summary>
public static class PredictionSummaries
{
    extension(PredictionSummary)
    {
        /// <summary>The summary of <paramref name="records"/>, the window's records, for [<paramref name="from"/>, <paramref name="to"/>].</summary>
        public static PredictionSummary Of(IReadOnlyList<PredictionRecord> records, DateTimeOffset from, DateTimeOffset to)
        {
            var labelled = records.Where(r => r.Label is not null && r.AnsweredClass is not null).ToList();
            return new PredictionSummary(
                from,
                to,
                records.Count,
                records.GroupBy(r => r.Tier).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                records.Where(r => r.EscalationReason is not null).GroupBy(r => r.EscalationReason!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                records.Count == 0 ? 0 : (double)records.Count(r => r.CloudClass is not null) / records.Count,
                labelled.Count,
                AccuracyOf(labelled),
                labelled.GroupBy(r => r.Tier).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => AccuracyOf(g.ToList())),
                records.GroupBy(r => r.Tier).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => LatencySummary.Of(g.Select(r => r.TotalLatencyMs))));
        }
    }

    private static double? AccuracyOf(IReadOnlyCollection<PredictionRecord> labelled) =>
        labelled.Count == 0 ? null : (double)labelled.Count(r => r.AnsweredClass == r.Label) / labelled.Count;
}
