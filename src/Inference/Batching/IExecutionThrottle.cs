namespace HybridInference.Inference.Batching;

/// <summary>
/// Hook on the serving path after each model execution. The edge's simulated device uses it to learn
/// the load it is under and, when throttled, to make the execution really take longer.
/// </summary>
public interface IExecutionThrottle
{
    /// <summary>Called after each execution of <paramref name="rows"/> rows that took <paramref name="elapsed"/>.</summary>
    ValueTask OnExecutedAsync(int rows, TimeSpan elapsed, CancellationToken cancellationToken);
}
