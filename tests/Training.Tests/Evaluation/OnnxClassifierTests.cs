using Google.Protobuf;
using HybridInference.Training.Evaluation;
using HybridInference.Training.Nn;
using HybridInference.Training.Onnx;

namespace HybridInference.Training.Tests.Evaluation;

public class OnnxClassifierTests
{
    [Fact]
    public void Constructor_WrongInputName_RejectedNamingFile()
    {
        var network = Architectures.Mlp(2);
        network.Initialize(new Random(0));
        var model = OnnxExporter.ToModel(network, "m", "d");
        model.Graph.Input[0].Name = "pixels";
        model.Graph.Node[0].Input[0] = "pixels";
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "renamed.onnx");
        File.WriteAllBytes(path, model.ToByteArray());

        var ex = Assert.Throws<InvalidDataException>(() => new OnnxClassifier(path));

        Assert.StartsWith(path, ex.Message);
        Assert.Contains("inputs are [pixels], expected exactly 'input'", ex.Message);
    }

    [Fact]
    public void Constructor_MissingFile_NamesFile()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new OnnxClassifier("/no/such/model.onnx"));
        Assert.Contains("/no/such/model.onnx", ex.Message);
    }
}
