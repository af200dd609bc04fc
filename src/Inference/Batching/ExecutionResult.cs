namespace HybridInference.Inference.Batching;

/// <summary>The rows of one request as computed, and how the request got there.</summary>
/// <param name="Output">The request's own output rows (rows x classes values).</param>
/// <param name="BatchSize">Rows in the execution that computed them (greater than the request's when batched).</param>
/// <param name="QueueTime">Time the request waited before its execution began.</param>
/// <param name="ComputeTime">Time of the execution, including any device slowdown.</param>
public sealed record ExecutionResult(float[] Output, int BatchSize, TimeSpan QueueTime, TimeSpan ComputeTime);
