using HybridInference.ModelPipeline.Validation;
using HybridInference.Training.Degradation;

namespace HybridInference.ModelPipeline.Tests.Validation;

public class IntensityDriftTests
{
    [Fact]
    public void Psi_SameData_Zero()
    {
        Assert.Equal(0, IntensityDrift.Psi(PipelineData.Reference, PipelineData.Reference), 12);
    }

    [Fact]
    public void Psi_TestSplitAgainstTrainingData_Small_BrighterImages_Large()
    {
        var clean = IntensityDrift.Psi(PipelineData.Reference, PipelineData.Test);
        var brighter = IntensityDrift.Psi(PipelineData.Reference, DataValidatorTests.Degrade(PipelineData.Test.Take(3000), new BrightnessShift(0.1)));

        Assert.InRange(clean, 0, 0.05);
        Assert.InRange(brighter, 0.25, double.MaxValue);
    }

    [Fact]
    public void ClassMeanDistances_OneValuePerClass_SmallForTheSameDistribution()
    {
        var distances = IntensityDrift.ClassMeanDistances(PipelineData.Reference, PipelineData.Test);

        Assert.Equal(10, distances.Length);
        Assert.All(distances, d => Assert.InRange(d, 0, 0.05));
    }

    [Fact]
    public void ClassMeanDistances_ClassMissing_NaN()
    {
        var noSandals = PipelineData.Test.Select(Enumerable.Range(0, 2000).Where(i => PipelineData.Test.Labels[i] != 5).ToArray());

        var distances = IntensityDrift.ClassMeanDistances(PipelineData.Reference, noSandals);

        Assert.True(double.IsNaN(distances[5]));
        Assert.False(double.IsNaN(distances[4]));
    }
}
