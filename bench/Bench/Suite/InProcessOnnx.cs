using System.Diagnostics;
using HybridInference.Bench.Payloads;
using HybridInference.Inference.Runtime;

namespace HybridInference.Bench.Suite;

/// <summary>
/// The floor under the edge service (line 5): the same model through the same <see cref="OnnxModel"/> class
/// the service uses, batch 1, one intra-op thread, one caller per core, for a fixed time.
/// </summary>
public static class InProcessOnnx
{
    public static double ImagesPerSecond(string model, float[] image, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var onnx = OnnxModel.Load(Path.Combine(RepositoryPaths.Models, model, "1", "model.onnx"), intraOpThreads: 1, useCuda: false);
        for (var i = 0; i < 1000; i++)
        {
            onnx.Run(image, 1);
        }

        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = new long[Environment.ProcessorCount];
        Parallel.For(0, counts.Length, new ParallelOptions { MaxDegreeOfParallelism = counts.Length }, worker =>
        {
            var runs = 0L;
            while (Stopwatch.GetTimestamp() < end)
            {
                onnx.Run(image, 1);
                runs++;
            }

            counts[worker] = runs;
        });
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
