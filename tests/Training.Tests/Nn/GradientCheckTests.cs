using HybridInference.Training.Nn;

namespace HybridInference.Training.Tests.Nn;

/// <summary>Back-propagation against finite differences of the loss, on tiny networks with every layer type.</summary>
public class GradientCheckTests
{
    [Fact]
    public void Backward_ConvPoolDenseNetwork_MatchesFiniteDifferences() =>
        AssertGradientsMatch(new Network([
            new Conv2dLayer(1, 2, 6, 3),
            new ReluLayer(2 * 36),
            new MaxPool2dLayer(2, 6),
            new Conv2dLayer(2, 3, 3, 3),
            new ReluLayer(3 * 9),
            new DenseLayer(27, 4),
        ]), inputSize: 36);

    [Fact]
    public void Backward_Mlp_MatchesFiniteDifferences() =>
        AssertGradientsMatch(new Network([new DenseLayer(5, 7), new ReluLayer(7), new DenseLayer(7, 3)]), inputSize: 5);

    private static void AssertGradientsMatch(Network network, int inputSize)
    {
        var random = new Random(11);
        network.Initialize(random);
        var input = Enumerable.Range(0, inputSize).Select(_ => (float)random.NextDouble()).ToArray();
        const int label = 1;
        var workspace = new NetworkWorkspace(network);

        var probabilities = new float[network.OutputSize];
        Softmax.Apply(network.Forward(input, workspace), probabilities);
        Softmax.CrossEntropyGradient(probabilities, label);
        network.Backward(input, probabilities, workspace);
        var analytic = workspace.ParameterGradient.ToArray();

        const float h = 1e-2f;
        var checkedCount = 0;
        for (var i = 0; i < network.Parameters.Length; i++)
        {
            var original = network.Parameters[i];
            network.Parameters[i] = original + h;
            var plus = Loss(network, input, label);
            network.Parameters[i] = original - h;
            var minus = Loss(network, input, label);
            network.Parameters[i] = original;
            var numeric = (plus - minus) / (2 * h);

            // ReLU and max-pool kinks make a few finite differences meaningless; the rest must agree closely.
            if (Math.Abs(numeric - analytic[i]) > 2e-3 + (0.05 * Math.Abs(numeric)))
            {
                Assert.Fail($"parameter {i}: analytic {analytic[i]}, numeric {numeric}");
            }

            checkedCount++;
        }

        Assert.Equal(network.Parameters.Length, checkedCount);
        Assert.Contains(analytic, g => Math.Abs(g) > 1e-3);
    }

    private static double Loss(Network network, float[] input, int label)
    {
        var probabilities = new float[network.OutputSize];
        Softmax.Apply(network.Forward(input, new NetworkWorkspace(network)), probabilities);
        return -Math.Log(probabilities[label]);
    }
}
