namespace HybridInference.Inference.Batching;

/// <summary>Runs each request as its own execution on the caller's thread (batching off, the edge's mode).</summary>
internal sealed class DirectExecutor(ModelRunner runner) : IModelExecutor
{
    public async ValueTask<ExecutionResult> ExecuteAsync(float[] input, int rows, CancellationToken cancellationToken)
    {
        var (output, elapsed) = await runner.RunAsync(input, rows, cancellationToken).ConfigureAwait(false);
        return new ExecutionResult(output, rows, TimeSpan.Zero, elapsed);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
