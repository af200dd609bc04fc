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
    /// Records the memory queue between the request path and the store holds; a record that finds it full waits in
    /// the journal on disk only (and is read back from there), so this bounds the log's memory whatever the store does.
    /// <value>Defaults to 10,000.</value>
    /// </summary>
    [Range(1, 10_000_000)]
    public int MemoryBufferRecords { get; set; } = 10_000;

    /// <summary>
    /// The journal's directory: every record is appended here (JSON lines) before the answer goes out, and the
    /// files are deleted once their records are stored. Lines that cannot be read back go to its <c>quarantine</c>
    /// folder. <value>Defaults to <c>.data/prediction-spool</c> under the content root.</value>
    /// </summary>
    [Required(ErrorMessage = "PredictionLog:SpoolDirectory is required.")]
    public string SpoolDirectory { get; set; } = ".data/prediction-spool";

    /// <summary>
    /// How often the journal is flushed to the disk (fsync), like Redis's <c>appendfsync everysec</c>: a crash of the
    /// process loses nothing written, a crash of the machine at most this much. 0 flushes only when a file is
    /// closed and at stop. <value>Defaults to 1,000 ms.</value>
    /// </summary>
    [Range(0, 60_000)]
    public int FsyncIntervalMs { get; set; } = 1_000;

    /// <summary>Size at which a journal file is closed and a new one started. <value>Defaults to 8 MiB.</value></summary>
    [Range(64 * 1024, 1L << 30)]
    public long SegmentBytes { get; set; } = 8L << 20;

    /// <summary>
    /// Disk the journal may use while the store is slow or away; past it records are kept in memory only (up to
    /// <see cref="MemoryBufferRecords"/>) and then counted as dropped (<c>hi.predictions.dropped</c>).
    /// <value>Defaults to 1 GiB.</value>
    /// </summary>
    [Range(1L << 20, 1L << 40)]
    public long MaxSpoolBytes { get; set; } = 1L << 30;

    /// <summary>Wait between attempts while the store is unreachable. <value>Defaults to 1 s.</value></summary>
    [Range(10, 60_000)]
    public int RetryDelayMs { get; set; } = 1_000;

    /// <summary>How long records are kept in the store. <value>Defaults to 7 days.</value></summary>
    [Range(1, 24 * 365)]
    public int RetentionHours { get; set; } = 24 * 7;
}
