using System.Globalization;
using System.Text;
using HybridInference.Training.Data;

namespace HybridInference.EdgeInference.Tests;

/// <summary>The committed models and Fashion-MNIST test split, and request bodies built from them.</summary>
internal static class TestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static readonly Lazy<ImageSet> TestImages = new(() => FashionMnist.Load(Path.Combine(RepositoryRoot, FashionMnist.RepositoryDirectory), DataSplit.Test));

    public static string EdgeOnnx => Path.Combine(RepositoryRoot, "models", "fashion-edge", "1", "model.onnx");

    public static string CloudOnnx => Path.Combine(RepositoryRoot, "models", "fashion-cloud", "1", "model.onnx");

    public static ImageSet Images => TestImages.Value;

    public static float[] Batch(int count, int skip = 0) => Images.Pixels.AsSpan(skip * 784, count * 784).ToArray();

    /// <summary>An infer request body for <paramref name="count"/> test images, with optional extra top-level JSON members.</summary>
    public static string InferBody(int count, int skip = 0, string extra = "")
    {
        var data = new StringBuilder();
        foreach (var v in Batch(count, skip))
        {
            data.Append(v.ToString(CultureInfo.InvariantCulture)).Append(',');
        }

        data.Length--;
        return $$"""{"id":"req-{{skip}}","inputs":[{"name":"input","shape":[{{count}},784],"datatype":"FP32","data":[{{data}}]}]{{extra}}}""";
    }

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
