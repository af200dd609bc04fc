using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using HybridInference.Training.Cards;
using HybridInference.Training.Data;
using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Candidates;

/// <summary>
/// Trains one candidate edge model in memory, with the same code path as the <c>train</c> command, and
/// returns what a registry version needs. On 3,000 images and 2 epochs it takes a few seconds.
/// </summary>
public static class CandidateTrainer
{
    /// <summary>A candidate of the edge model's architecture (the MLP).</summary>
    public static CandidateModel TrainEdge(CandidateOptions options, Action<string> log) => Train(options, cloud: false, log);

    /// <summary>A candidate of the cloud model's architecture (the CNN, several times slower to train).</summary>
    public static CandidateModel TrainCloud(CandidateOptions options, Action<string> log) => Train(options, cloud: true, log);

    private static CandidateModel Train(CandidateOptions options, bool cloud, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        var clock = Stopwatch.StartNew();

        var (train, trainSource) = LoadTrain(options, log);
        var (test, testSource) = options.TestImages is { } testImages
            ? (testImages, Source.InMemory("test", testImages))
            : (FashionMnist.Load(options.TestDirectory, DataSplit.Test), Source.Files(options.TestDirectory, DataSplit.Test));
        if (options.TrainLimit > 0)
        {
            train = train.Take(options.TrainLimit);
        }

        train = LabelCorruption.Apply(train, options.LabelNoise, options.ShuffleLabels, options.Seed);
        if (options.ShuffleLabels || options.LabelNoise > 0)
        {
            log($"warning: training labels damaged on purpose (shuffled: {options.ShuffleLabels}, noise: {options.LabelNoise:P0}); this candidate is meant to fail");
        }

        var (fit, validation) = train.Split((int)Math.Round(train.Count * options.ValidationFraction), options.Seed);
        log($"{fit.Count} training, {validation.Count} validation, {test.Count} test images");
        var dataset = Describe(options, trainSource, testSource, fit.Count, validation.Count, test.Count);

        var spec = cloud ? ModelSpecs.Cloud(options.Seed, options.Epochs) : ModelSpecs.Edge(options.Seed, options.Epochs);
        var built = ModelBuilder.Build(spec, fit, validation, test, dataset, options.Version, options.SkipLatency, log);
        log($"candidate {built.Card.Name} v{built.Card.Version}: test accuracy {built.Card.Evaluation.TestAccuracy:P2}, {built.Onnx.Length:N0} bytes, {clock.Elapsed.TotalSeconds:F1} s");
        return new CandidateModel(built.Onnx, built.Card, ModelCardWriter.ToJson(built.Card), ModelCardWriter.ToMarkdown(built.Card), clock.Elapsed);
    }

    private static (ImageSet Images, Source Source) LoadTrain(CandidateOptions options, Action<string> log)
    {
        if (options.TrainImages is { } images)
        {
            return (images, Source.InMemory("train", images));
        }

        var directory = options.TrainDirectory ?? FashionMnist.DefaultTrainDirectory();
        log($"loading training data from {directory}");
        return (FashionMnist.Load(directory, DataSplit.Train), Source.Files(directory, DataSplit.Train));
    }

    private static DatasetInfo Describe(CandidateOptions options, Source train, Source test, int trainCount, int validationCount, int testCount)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, hash) in train.Hashes.Concat(test.Hashes))
        {
            hashes[file] = hash;
        }

        // The card must say when the labels were damaged: it is the only trace of that in the registry.
        var name = options.ShuffleLabels || options.LabelNoise > 0
            ? $"Fashion-MNIST (deliberately bad candidate: training labels {(options.ShuffleLabels ? "shuffled" : "kept")}, {options.LabelNoise:P0} replaced by a wrong class)"
            : "Fashion-MNIST";
        return DatasetInfo.FashionMnist(name, hashes, trainCount, validationCount, testCount);
    }

    /// <summary>Where a split came from, as file name to SHA-256 for the card.</summary>
    private sealed record Source(IReadOnlyList<(string File, string Sha256)> Hashes)
    {
        public static Source Files(string directory, DataSplit split)
        {
            var (images, labels) = FashionMnist.Hashes(directory, split);
            return new Source([(FashionMnist.ImagesFile(split), images), (FashionMnist.LabelsFile(split), labels)]);
        }

        // Images handed over in memory have no file; hashing their content still identifies them.
        public static Source InMemory(string split, ImageSet images) => new(
        [
            ($"{split} images (in memory, float32 pixels)", Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(images.Pixels.AsSpan())))),
            ($"{split} labels (in memory)", Convert.ToHexStringLower(SHA256.HashData(images.Labels))),
        ]);
    }
}
