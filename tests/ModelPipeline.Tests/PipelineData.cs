using System.Buffers.Binary;
using System.IO.Compression;
using HybridInference.TestSupport;
using HybridInference.Training.Data;

namespace HybridInference.ModelPipeline.Tests;

/// <summary>The committed data and models, and IDX folders written from them for a test.</summary>
internal static class PipelineData
{
    private static readonly Lazy<ImageSet> LazyTest = new(() => FashionMnist.Load(TestDirectory, DataSplit.Test));
    private static readonly Lazy<ImageSet> LazyReference = new(() => FashionMnist.Load(TrainSubsetDirectory, DataSplit.Train));

    public static string TestDirectory => RepositoryRoot.Combine(FashionMnist.RepositoryDirectory);

    public static string TrainSubsetDirectory => RepositoryRoot.Combine(FashionMnist.RepositoryTrainSubsetDirectory);

    /// <summary>The committed 10k test split; read-only.</summary>
    public static ImageSet Test => LazyTest.Value;

    /// <summary>The committed 5,000 training images, the drift reference in these tests; read-only.</summary>
    public static ImageSet Reference => LazyReference.Value;

    /// <summary>The held-out set the pipeline uses with HoldoutCount 5,000: the last half of the test split.</summary>
    public static ImageSet Holdout => Test.Select(Enumerable.Range(5000, 5000).ToArray());

    public static byte[] CommittedModel(string name) => File.ReadAllBytes(RepositoryRoot.Combine("models", name, "1", "model.onnx"));

    public static string NewFolder() => Directory.CreateTempSubdirectory("hi-pipeline-").FullName;

    /// <summary>Writes <paramref name="images"/> as train-*.gz IDX files, exactly as the dataset ships them.</summary>
    public static string WriteTrainIdx(ImageSet images, string? directory = null)
    {
        directory ??= NewFolder();
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), images.Count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), images.Rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), images.Cols);
        WriteGzip(Path.Combine(directory, FashionMnist.ImagesFile(DataSplit.Train)), [.. header, .. images.Pixels.Select(p => (byte)Math.Round(p * 255))]);
        var labels = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(labels, IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), images.Count);
        WriteGzip(Path.Combine(directory, FashionMnist.LabelsFile(DataSplit.Train)), [.. labels, .. images.Labels]);
        return directory;
    }

    public static void WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
    }
}
