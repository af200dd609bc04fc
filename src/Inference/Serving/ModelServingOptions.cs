using System.ComponentModel.DataAnnotations;

namespace HybridInference.Inference.Serving;

/// <summary>How one model is served (Triton's per-model config, the parts that apply here).</summary>
public sealed class ModelServingOptions
{
    /// <summary>Largest batch one request may carry and one execution may run. <value>Defaults to 256.</value></summary>
    [Range(1, 65_536)]
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Queue concurrent requests and run them as one batch. <value>Defaults to false.</value></summary>
    public bool DynamicBatching { get; set; }

    /// <summary>
    /// How long the first request of a batch may wait for others (Triton's max_queue_delay_microseconds).
    /// <value>Defaults to 2000 µs.</value>
    /// </summary>
    [Range(0, 10_000_000)]
    public int MaxQueueDelayMicroseconds { get; set; } = 2_000;

    /// <summary>Rows at which a batch runs without waiting further. <value>Defaults to <see cref="MaxBatchSize"/> (0).</value></summary>
    [Range(0, 65_536)]
    public int PreferredBatchSize { get; set; }

    /// <summary>Executions running at once (Triton's instance_group count). <value>Defaults to 1.</value></summary>
    [Range(1, 64)]
    public int Instances { get; set; } = 1;

    /// <summary>Requests waiting in the batch queue before new ones are refused with 503. <value>Defaults to 4096.</value></summary>
    [Range(1, 1_000_000)]
    public int MaxQueueSize { get; set; } = 4_096;

    /// <summary>ONNX Runtime intra-op threads per execution; 0 lets ONNX Runtime choose. <value>Defaults to 1.</value></summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Smallest input value the model accepts. <value>Defaults to 0 (pixels scaled to [0, 1]).</value></summary>
    public float InputMin { get; set; }

    /// <summary>Largest input value the model accepts. <value>Defaults to 1.</value></summary>
    public float InputMax { get; set; } = 1;

    /// <summary>A copy, so per-model settings can start from the defaults without sharing them.</summary>
    public ModelServingOptions Clone() => (ModelServingOptions)MemberwiseClone();
}
