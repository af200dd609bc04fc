using System.Globalization;
using System.Text;
using HybridInference.Training.Data;

namespace HybridInference.TestSupport;

/// <summary>The committed models and Fashion-MNIST test split, and request bodies built from them.</summary>
public static class TestData
{
    public static string Root => RepositoryRoot.Path;

    private static readonly Lazy<ImageSet> TestImages = new(() => FashionMnist.Load(Path.Combine(Root, FashionMnist.RepositoryDirectory), DataSplit.Test));

    public static string EdgeOnnx => Path.Combine(Root, "models", "fashion-edge", "1", "model.onnx");

    public static string CloudOnnx => Path.Combine(Root, "models", "fashion-cloud", "1", "model.onnx");

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
}
