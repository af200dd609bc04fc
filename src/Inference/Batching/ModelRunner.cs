using HybridInference.Inference.Runtime;
using HybridInference.Inference.Telemetry;

namespace HybridInference.Inference.Batching;

/// <summary>
/// One execution of a model, timed, passed through the throttle and recorded in the metrics. Both
/// executors go through it so that batched and unbatched serving measure the same thing.
/// </summary>
internal sealed class ModelRunner(OnnxModel model, string name, string version, InferenceMetrics metrics, IExecutionThrottle? throttle, TimeProvider time, IInputPerturbation? perturbation = null)
{
    public OnnxModel Model => model;

    public async ValueTask<(float[] Output, TimeSpan Elapsed)> RunAsync(float[] input, int rows, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var output = model.Run(perturbation is null ? input : perturbation.Apply(input, rows), rows);
        if (throttle is not null)
        {
            await throttle.OnExecutedAsync(rows, time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
        }

        var elapsed = time.GetElapsedTime(started);
        metrics.RecordExecution(name, version, rows, elapsed);
        return (output, elapsed);
    }
}
