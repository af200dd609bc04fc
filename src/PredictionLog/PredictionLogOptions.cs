using System.ComponentModel.DataAnnotations;

namespace HybridInference.PredictionLog;

/// <summary>Settings of the prediction log (section <c>PredictionLog</c>).</summary>
public sealed class PredictionLogOptions
{
    public const string SectionName = "PredictionLog";

    /// <summary>Records written to the store in one pipelined batch. <value>Defaults to 256.</value></summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// How long the writer waits for more records before it writes a batch smaller than <see cref="BatchSize"/>
    /// (like Kafka's <c>linger.ms</c>): at thousands of requests per second, one store round per few records
    /// cost the store more CPU than the inference itself (docs/BENCHMARKS.md). 0 writes at once.
    /// <value>Defaults to 10 ms.</value>
    /// </summary>
    [Range(0, 10_000)]
    public int FlushIntervalMs { get; set; } = 10;

    /// <summary>
    /// Records kept in memory while the store is unreachable; past this they go to the spool directory.
    /// <value>Defaults to 10,000.</value>
    /// </summary>
    [Range(1, 10_000_000)]
    public int MemoryBufferRecords { get; set; } = 10_000;

    /// <summary>
    /// Where records wait on disk while the store is unreachable (one JSON-lines file per spill).
    /// <value>Defaults to <c>.data/prediction-spool</c> under the content root.</value>
    /// </summary>
    [Required(ErrorMessage = "PredictionLog:SpoolDirectory is required.")]
    public string SpoolDirectory { get; set; } = ".data/prediction-spool";

    /// <summary>Wait between attempts while the store is unreachable. <value>Defaults to 1 s.</value></summary>
    [Range(10, 60_000)]
    public int RetryDelayMs { get; set; } = 1_000;

    /// <summary>How long records are kept in the store. <value>Defaults to 7 days.</value></summary>
    [Range(1, 24 * 365)]
    public int RetentionHours { get; set; } = 24 * 7;
}
