using HybridInference.Inference.Batching;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Runtime;
using HybridInference.Inference.Serving;
using HybridInference.Inference.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Models;

/// <summary>
/// Loads every served model version after the server starts listening, so that liveness answers at
/// once and readiness turns true only when a version has loaded <em>and</em> answered a real warm-up
/// inference (the first ONNX Runtime run allocates its arenas; a cold model is many times slower).
/// A version that fails stays Unavailable with the reason, and the others serve.
/// </summary>
internal sealed partial class ModelLoader(
    ModelCatalog catalog,
    IOptions<ServingOptions> serving,
    InferenceMetrics metrics,
    TimeProvider time,
    ILogger<ModelLoader> logger,
    IExecutionThrottle? throttle = null,
    IInputPerturbation? perturbation = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start-up path at once: Kestrel starts only after every hosted service has.
        await Task.Yield();
        foreach (var model in catalog.All)
        {
            stoppingToken.ThrowIfCancellationRequested();
            Load(model);
        }

        catalog.CompleteLoading();
    }

    /// <summary>Loads and warms one version; on failure it is left Unavailable with the reason.</summary>
    internal void Load(ServedModel served)
    {
        var started = time.GetTimestamp();
        OnnxModel? model = null;
        try
        {
            var useCuda = serving.Value.ExecutionProvider == ExecutionProvider.Cuda;
            model = OnnxModel.Load(served.Location.OnnxPath, served.Options.IntraOpThreads, useCuda, reason => LogCudaUnavailable(served.Name, served.Version, reason));
            var runner = new ModelRunner(model, served.Name, served.Version, metrics, throttle, time, perturbation);
            WarmUp(model, served.Options.MaxBatchSize);
            IModelExecutor executor = served.Options.DynamicBatching
                ? new DynamicBatcher(runner, served.Options, time)
                : new DirectExecutor(runner);
            served.MarkReady(model, executor, ModelCardFile.Read(served.Location.CardPath));
            LogLoaded(served.Name, served.Version, model.ExecutionProvider, served.Options.DynamicBatching, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            model?.Dispose();
            served.MarkUnavailable(ex.Message);
            LogLoadFailed(ex, served.Name, served.Version, served.Location.OnnxPath);
        }
    }

    /// <summary>Runs a single row and a full batch, and checks the answers are probability rows.</summary>
    private static void WarmUp(OnnxModel model, int maxBatchSize)
    {
        foreach (var rows in new[] { 1, maxBatchSize }.Distinct())
        {
            var output = model.Run(new float[rows * model.Features], rows);
            for (var r = 0; r < rows; r++)
            {
                var sum = output.AsSpan(r * model.Classes, model.Classes).ToArray().Sum();
                if (!(Math.Abs(sum - 1) < 1e-3))
                {
                    throw new InvalidDataException($"warm-up inference returned a row summing to {sum}, not a probability distribution");
                }
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Model {Model} version {Version} ready on {Provider} (dynamic batching: {Batching}) after {ElapsedMs:F0} ms including warm-up")]
    private partial void LogLoaded(string model, string version, string provider, bool batching, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Model {Model} version {Version} failed to load from {Path}; it stays unavailable")]
    private partial void LogLoadFailed(Exception exception, string model, string version, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Model {Model} version {Version}: CUDA execution provider unavailable ({Reason}); serving on CPU")]
    private partial void LogCudaUnavailable(string model, string version, string reason);
}
