using HybridInference.Training.Data;

namespace HybridInference.Inference.Tests;

/// <summary>The committed model repository and Fashion-MNIST test split, found from the test's output folder.</summary>
internal static class TestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static readonly Lazy<ImageSet> TestImages = new(() => FashionMnist.Load(Path.Combine(RepositoryRoot, FashionMnist.RepositoryDirectory), DataSplit.Test));

    public static string Models => Path.Combine(RepositoryRoot, "models");

    public static string EdgeOnnx => Path.Combine(Models, "fashion-edge", "1", "model.onnx");

    public static string CloudOnnx => Path.Combine(Models, "fashion-cloud", "1", "model.onnx");

    /// <summary>The 10,000 committed test images with labels.</summary>
    public static ImageSet Images => TestImages.Value;

    /// <summary>The first <paramref name="count"/> test images as one row-major batch.</summary>
    public static float[] Batch(int count, int skip = 0) => Images.Pixels.AsSpan(skip * 784, count * 784).ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "models")) && File.Exists(Path.Combine(dir.FullName, "HybridInference.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no repository root above {AppContext.BaseDirectory}");
    }
}
