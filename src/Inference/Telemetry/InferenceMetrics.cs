using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HybridInference.Inference.Telemetry;

/// <summary>
/// The serving metrics, per model and version, under the product's meter. Names follow OpenTelemetry
/// conventions (dotted, unit in the instrument, seconds for durations); the Triton metric each one
/// corresponds to is named in docs/SERVING.md.
/// </summary>
public sealed class InferenceMetrics
{
    public const string RequestsName = "inference.requests";
    public const string RequestDurationName = "inference.request.duration";
    public const string QueueDurationName = "inference.queue.duration";
    public const string ComputeDurationName = "inference.compute.duration";
    public const string BatchSizeName = "inference.batch.size";
    public const string ImagesName = "inference.images";
    public const string ExecutionsName = "inference.executions";
    public const string ConfidenceName = "inference.confidence";

    public const string ModelTag = "model.name";
    public const string VersionTag = "model.version";
    public const string OutcomeTag = "outcome";
    public const string ProtocolTag = "protocol";

    private static readonly IReadOnlyList<double> DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly IReadOnlyList<int> BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private static readonly IReadOnlyList<double> ConfidenceBuckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99, 1];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _queueDuration;
    private readonly Histogram<double> _computeDuration;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _images;
    private readonly Counter<long> _executions;
    private readonly Histogram<double> _confidence;

    public InferenceMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(ServiceDefaults.Telemetry.SourceName);
        _requests = Meter.CreateCounter<long>(RequestsName, "{request}", "Inference requests by outcome (success, invalid, not_found, too_large, unavailable, error)");
        _requestDuration = Meter.CreateHistogram(RequestDurationName, "s", "Time from a request's arrival at the engine to its answer (queue + compute)", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _queueDuration = Meter.CreateHistogram(QueueDurationName, "s", "Time a request waited in the dynamic batch queue", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _computeDuration = Meter.CreateHistogram(ComputeDurationName, "s", "Time of one model execution (one batch), including device slowdown", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _batchSize = Meter.CreateHistogram(BatchSizeName, "{image}", "Rows per model execution", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
        _images = Meter.CreateCounter<long>(ImagesName, "{image}", "Images inferred (Triton's nv_inference_count)");
        _executions = Meter.CreateCounter<long>(ExecutionsName, "{execution}", "Model executions (Triton's nv_inference_exec_count); images / executions = average batch");
        _confidence = Meter.CreateHistogram(ConfidenceName, "1", "Top-class probability of each inferred image", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ConfidenceBuckets });
    }

    /// <summary>The meter the instruments belong to, for tests that listen to this instance only.</summary>
    public Meter Meter { get; }

    public void RecordRequest(string model, string version, string protocol, string outcome, TimeSpan? duration = null)
    {
        var tags = new TagList { { ModelTag, model }, { VersionTag, version }, { ProtocolTag, protocol }, { OutcomeTag, outcome } };
        _requests.Add(1, tags);
        if (duration is { } d)
        {
            _requestDuration.Record(d.TotalSeconds, new TagList { { ModelTag, model }, { VersionTag, version }, { ProtocolTag, protocol } });
        }
    }

    public void RecordQueued(string model, string version, TimeSpan queued) =>
        _queueDuration.Record(queued.TotalSeconds, new TagList { { ModelTag, model }, { VersionTag, version } });

    public void RecordExecution(string model, string version, int rows, TimeSpan elapsed)
    {
        var tags = new TagList { { ModelTag, model }, { VersionTag, version } };
        _computeDuration.Record(elapsed.TotalSeconds, tags);
        _batchSize.Record(rows, tags);
        _images.Add(rows, tags);
        _executions.Add(1, tags);
    }

    public void RecordConfidence(string model, string version, float confidence) =>
        _confidence.Record(confidence, new TagList { { ModelTag, model }, { VersionTag, version } });
}
