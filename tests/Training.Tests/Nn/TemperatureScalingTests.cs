using HybridInference.Training.Nn;

namespace HybridInference.Training.Tests.Nn;

public class TemperatureScalingTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Fit_LabelsDrawnAtKnownTemperature_RecoversIt(double trueTemperature)
    {
        // Labels sampled from softmax(logits / T) make T the maximum-likelihood temperature.
        var random = new Random(3);
        const int count = 20_000, classes = 4;
        var logits = new float[count * classes];
        var labels = new byte[count];
        for (var n = 0; n < count; n++)
        {
            var row = logits.AsSpan(n * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                row[c] = (float)(random.NextDouble() * 4);
            }

            var weights = row.ToArray().Select(l => Math.Exp(l / trueTemperature)).ToArray();
            var u = random.NextDouble() * weights.Sum();
            var label = 0;
            while (label < classes - 1 && (u -= weights[label]) > 0)
            {
                label++;
            }

            labels[n] = (byte)label;
        }

        Assert.InRange(TemperatureScaling.Fit(logits, labels, classes), trueTemperature * 0.9, trueTemperature * 1.1);
    }

    [Fact]
    public void FoldTemperature_DividesLogits()
    {
        var network = Architectures.Mlp(3);
        network.Initialize(new Random(1));
        var input = Enumerable.Range(0, 784).Select(i => (i % 7) / 7f).ToArray();
        var before = network.PredictLogits(input, 1);

        network.FoldTemperature(2f);

        var after = network.PredictLogits(input, 1);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(before[c] / 2f, after[c], 1e-4f));
    }
}
