using System.Globalization;
using HybridInference.PredictionLog;

namespace HybridInference.Rollouts.Analysis;

/// <summary>
/// Splits the prediction log's records of a window into canary and control for an edge model rollout.
/// The canary is what the canary devices answered with the candidate; the control is what every other
/// device answered with the stable version (records of a device caught mid-swap count for neither).
/// Errors are counted by device, since a failed edge call names no model version. Records belong to an
/// edge model by the router's naming convention: route <c>fashion</c> asks <c>fashion-edge</c>.
/// </summary>
public static class SampleCollector
{
    public static (GroupSamples Canary, GroupSamples Control) Split(
        IEnumerable<PredictionRecord> records, string edgeModel, int candidate, int stable, IReadOnlySet<string> canaryDevices)
    {
        var canary = new GroupSamples();
        var control = new GroupSamples();
        var candidateText = candidate.ToString(CultureInfo.InvariantCulture);
        var stableText = stable.ToString(CultureInfo.InvariantCulture);
        foreach (var record in records)
        {
            if (record.Device is not { } device || !IsOf(record, edgeModel))
            {
                continue;
            }

            var inCanary = canaryDevices.Contains(device);
            var group = inCanary ? canary : control;
            if (record.EdgeClass is null || record.EdgeConfidence is null)
            {
                // The edge was asked and did not answer (the router fell back): an error of that device.
                group.Requests++;
                group.Errors++;
                continue;
            }

            if (record.EdgeVersion != (inCanary ? candidateText : stableText))
            {
                continue;
            }

            group.Requests++;
            group.Confidences.Add(record.EdgeConfidence.Value);
            if (record.EdgeLatencyMs is { } latency)
            {
                group.LatenciesMs.Add(latency);
            }

            if (record.EscalationReason == "low-confidence")
            {
                group.Escalated++;
            }

            if (record.Label is { } label)
            {
                group.Labelled++;
                if (record.EdgeClass == label)
                {
                    group.Correct++;
                }
            }
        }

        return (canary, control);
    }

    /// <summary>
    /// Splits a window's records for a cloud model rollout by the cloud version that answered, as the router
    /// recorded it: the canary is what the candidate answered, the control what the stable version answered
    /// (escalations, priority calls, fallbacks and audits alike). Records without a cloud answer count for
    /// neither: a failed cloud call names no version.
    /// </summary>
    public static (GroupSamples Canary, GroupSamples Control) SplitCloud(IEnumerable<PredictionRecord> records, string cloudModel, int candidate, int stable)
    {
        var canary = new GroupSamples();
        var control = new GroupSamples();
        var candidateText = candidate.ToString(CultureInfo.InvariantCulture);
        var stableText = stable.ToString(CultureInfo.InvariantCulture);
        foreach (var record in records)
        {
            if (record.CloudClass is not { } answered || record.CloudConfidence is not { } confidence || !AsksCloud(record, cloudModel))
            {
                continue;
            }

            var group = record.CloudVersion == candidateText ? canary : record.CloudVersion == stableText ? control : null;
            if (group is null)
            {
                continue;
            }

            group.Requests++;
            group.Confidences.Add(confidence);
            if (record.CloudLatencyMs is { } latency)
            {
                group.LatenciesMs.Add(latency);
            }

            if (record.Label is { } label)
            {
                group.Labelled++;
                if (answered == label)
                {
                    group.Correct++;
                }
            }
        }

        return (canary, control);
    }

    /// <summary>True when the record's route asks <paramref name="cloudModel"/> of the cloud: the route's own name or its <c>-cloud</c> model.</summary>
    public static bool AsksCloud(PredictionRecord record, string cloudModel) =>
        string.Equals(record.Model, cloudModel, StringComparison.Ordinal) ||
        string.Equals(record.Model + "-cloud", cloudModel, StringComparison.Ordinal);

    /// <summary>True when the record's route asks <paramref name="edgeModel"/>: the route's own name or its <c>-edge</c> model.</summary>
    public static bool IsOf(PredictionRecord record, string edgeModel) =>
        string.Equals(record.Model, edgeModel, StringComparison.Ordinal) ||
        string.Equals(record.Model + "-edge", edgeModel, StringComparison.Ordinal);
}
