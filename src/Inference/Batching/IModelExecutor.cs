namespace HybridInference.Inference.Batching;

/// <summary>Runs requests' rows through a model, one request at a time or batched with others.</summary>
public interface IModelExecutor : IAsyncDisposable
{
    /// <summary>Runs <paramref name="rows"/> rows of input; the array is owned by the executor afterwards.</summary>
    ValueTask<ExecutionResult> ExecuteAsync(float[] input, int rows, CancellationToken cancellationToken);
}
