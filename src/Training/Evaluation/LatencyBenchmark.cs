using System.Diagnostics;
using HybridInference.Contracts.Statistics;

namespace HybridInference.Training.Evaluation;

/// <summary>Median and 95th-percentile wall time of ORT calls, in milliseconds, after a warm-up (<see cref="Percentile"/>, nearest rank: the median is the p50).</summary>
public sealed record LatencyResult(int BatchSize, int Runs, double MedianMs, double P95Ms);

/// <summary>Times repeated ORT calls on fixed inputs.</summary>
public static class LatencyBenchmark
{
    public static LatencyResult Measure(OnnxClassifier model, float[] images, int imageCount, int batchSize, int runs, int warmup = 50)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        if (imageCount < batchSize)
        {
            throw new ArgumentException($"{imageCount} images cannot fill a batch of {batchSize}", nameof(imageCount));
        }

        // Cycle through different images so caches do not see one input over and over.
        var batches = Enumerable.Range(0, Math.Min(16, imageCount / batchSize))
            .Select(b => images.AsSpan(b * batchSize * model.InputSize, batchSize * model.InputSize).ToArray())
            .ToArray();
        for (var i = 0; i < warmup; i++)
        {
            model.RunBatch(batches[i % batches.Length], batchSize);
        }

        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            model.RunBatch(batches[i % batches.Length], batchSize);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return Summarise(batchSize, times);
    }

    /// <summary>The median (the p50) and p95 of measured times, which are sorted in place, by the product's one percentile definition.</summary>
    internal static LatencyResult Summarise(int batchSize, double[] times)
    {
        Array.Sort(times);
        return new LatencyResult(batchSize, times.Length, Percentile.OfSorted(times, 0.50), Percentile.OfSorted(times, 0.95));
    }
}
