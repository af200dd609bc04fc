using System.Diagnostics;
using System.Numerics.Tensors;
using HybridInference.Training.Data;

namespace HybridInference.Training.Nn;

/// <summary>
/// Trains a <see cref="Network"/> with softmax cross-entropy and mini-batch AdamW.
/// </summary>
/// <remarks>
/// Each batch is cut into a fixed number of shards whatever the core count; shard gradients are summed in
/// shard order. Floating-point addition is not associative, so this is what makes two runs with the same
/// seed produce the same bits on any number of threads.
/// </remarks>
public static class Trainer
{
    private const int GradientShards = 4;

    public static TrainingSummary Train(Network network, ImageSet data, TrainerOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (data.PixelsPerImage != network.InputSize)
        {
            throw new ArgumentException($"images have {data.PixelsPerImage} pixels, the network takes {network.InputSize}", nameof(data));
        }

        var random = new Random(options.Seed);
        network.Initialize(random);
        var optimizer = new AdamOptimizer(network.Parameters.Length, options.WeightDecay);
        var workspaces = Enumerable.Range(0, GradientShards).Select(_ => new NetworkWorkspace(network)).ToArray();
        var losses = new double[GradientShards];
        var gradient = new float[network.Parameters.Length];
        var order = Enumerable.Range(0, data.Count).ToArray();
        var stepsPerEpoch = (data.Count + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = stepsPerEpoch * options.Epochs;
        var step = 0;
        var clock = Stopwatch.StartNew();
        var epochLosses = new List<double>();

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double epochLoss = 0;
            for (var start = 0; start < data.Count; start += options.BatchSize)
            {
                var batch = order.AsMemory(start, Math.Min(options.BatchSize, data.Count - start));
                Parallel.For(0, GradientShards, shard => losses[shard] = AccumulateShard(network, data, batch.Span, shard, workspaces[shard]));

                gradient.AsSpan().Clear();
                foreach (var workspace in workspaces)
                {
                    TensorPrimitives.Add(gradient, workspace.ParameterGradient, gradient);
                }

                TensorPrimitives.Multiply(gradient, 1f / batch.Length, gradient);
                var learningRate = (float)(options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps)));
                optimizer.Step(network.Parameters, gradient, learningRate);
                step++;
                epochLoss += losses.Sum();
            }

            epochLosses.Add(epochLoss / data.Count);
            progress?.Invoke($"epoch {epoch + 1}/{options.Epochs}: loss {epochLoss / data.Count:F4} ({clock.Elapsed.TotalSeconds:F1} s)");
        }

        return new TrainingSummary(options, data.Count, epochLosses, clock.Elapsed);
    }

    private static double AccumulateShard(Network network, ImageSet data, ReadOnlySpan<int> batch, int shard, NetworkWorkspace workspace)
    {
        workspace.ParameterGradient.AsSpan().Clear();
        var from = batch.Length * shard / GradientShards;
        var to = batch.Length * (shard + 1) / GradientShards;
        double loss = 0;
        for (var i = from; i < to; i++)
        {
            var index = batch[i];
            var input = data.Image(index);
            var logits = network.Forward(input, workspace);
            var probabilities = workspace.Probabilities.AsSpan();
            Softmax.Apply(logits, probabilities);
            loss += Softmax.CrossEntropyGradient(probabilities, data.Labels[index]);
            network.Backward(input, probabilities, workspace);
        }

        return loss;
    }
}
