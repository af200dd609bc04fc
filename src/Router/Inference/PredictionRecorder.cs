using HybridInference.PredictionLog;
using HybridInference.Router.Tiers;

namespace HybridInference.Router.Inference;

/// <summary>Turns an answer into prediction records, one per row (<c>{id}</c> for one image, <c>{id}#{row}</c> in a batch).</summary>
public sealed class PredictionRecorder(PredictionLogger log, TimeProvider time)
{
    /// <summary>Logs every row except the audited ones, whose records the audit writes once the cloud answered.</summary>
    public void Record(HybridAnswer answer)
    {
        for (var row = 0; row < answer.Rows.Count; row++)
        {
            if (!answer.Rows[row].Audit)
            {
                log.Log(Build(answer, row, auditAnswer: null, auditRow: 0));
            }
        }
    }

    /// <summary>The record of an audited row, with the cloud's answer when the audit got one.</summary>
    public void RecordAudited(HybridAnswer answer, int row, TierAnswer? cloud, int cloudRow) =>
        log.Log(Build(answer, row, cloud, cloudRow));

    private PredictionRecord Build(HybridAnswer answer, int row, TierAnswer? auditAnswer, int auditRow)
    {
        var outcome = answer.Rows[row];
        var request = answer.Request;
        (int Class, float Confidence)? audit = auditAnswer?.Top(auditRow);
        return new PredictionRecord
        {
            RequestId = request.Rows == 1 ? request.RequestId : $"{request.RequestId}#{row}",
            Timestamp = time.GetUtcNow(),
            Model = request.Model,
            Tier = outcome.Tier,
            Site = answer.Site,
            Device = answer.EdgeNode,
            EdgeVersion = answer.Edge?.ModelVersion,
            CloudVersion = (outcome.CloudClass is not null ? answer.Cloud?.ModelVersion : null) ?? auditAnswer?.ModelVersion,
            EdgeClass = outcome.EdgeClass,
            EdgeConfidence = outcome.EdgeConfidence,
            CloudClass = outcome.CloudClass ?? audit?.Class,
            CloudConfidence = outcome.CloudConfidence ?? audit?.Confidence,
            EscalationReason = outcome.Audit ? "audit" : outcome.Reason,
            EdgeLatencyMs = answer.Edge?.ElapsedMs,
            CloudLatencyMs = outcome.CloudClass is not null ? answer.Cloud?.ElapsedMs : auditAnswer?.ElapsedMs,
            TotalLatencyMs = answer.TotalMs,
            Label = request.Labels.Count > row ? request.Labels[row] : null,
        };
    }
}
