using HybridInference.Training.Evaluation;
using HybridInference.Training.Nn;
using HybridInference.Training.Onnx;
using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Tests.Onnx;

public class OnnxExporterTests
{
    public static TheoryData<string> Shapes => ["mlp", "cnn"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Export_OnnxRuntimeMatchesTrainer(string shape)
    {
        var network = Build(shape);
        var sample = TestData.TestSplit.Take(200);
        using var temp = new TempDirectory();
        var path = Write(network, temp);

        using var onnx = new OnnxClassifier(path);
        var parity = ParityResult.Compare(network.PredictProbabilities(sample.Pixels, sample.Count), onnx.Predict(sample.Pixels, sample.Count), 10);

        Assert.True(parity.WithinTolerance, $"max |diff| {parity.MaxAbsDifference}");
        Assert.Equal(0, parity.PredictionMismatches);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Export_HasContractSignature(string shape)
    {
        using var temp = new TempDirectory();
        using var onnx = new OnnxClassifier(Write(Build(shape), temp));

        var input = Assert.Single(onnx.Inputs);
        Assert.Equal("input", input.Key);
        Assert.Equal(typeof(float), input.Value.ElementType);
        Assert.Equal(new[] { -1, 784 }, input.Value.Dimensions);
        Assert.Equal("N", input.Value.SymbolicDimensions[0]);
        var output = Assert.Single(onnx.Outputs);
        Assert.Equal("probabilities", output.Key);
        Assert.Equal(new[] { -1, 10 }, output.Value.Dimensions);
    }

    [Fact]
    public void Export_RowsSumToOne()
    {
        using var temp = new TempDirectory();
        using var onnx = new OnnxClassifier(Write(Build("cnn"), temp));
        var sample = TestData.TestSplit.Take(64);

        var probabilities = onnx.Predict(sample.Pixels, sample.Count);

        Assert.All(probabilities.Chunk(10), row => Assert.Equal(1.0, row.Sum(), 1e-5));
    }

    private static Network Build(string shape)
    {
        var network = shape == "cnn" ? Architectures.Cnn(2, 3, 8) : Architectures.Mlp(6);
        network.Initialize(new Random(4));
        return network;
    }

    private static string Write(Network network, TempDirectory temp)
    {
        var path = Path.Combine(temp.Path, "model.onnx");
        File.WriteAllBytes(path, OnnxExporter.ToBytes(network, "test", "test"));
        return path;
    }
}
