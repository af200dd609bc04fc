using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Tests.Pipeline;

public class EvaluationRunnerTests
{
    [Fact]
    public void Run_CommittedModels_ReportsCascadeAndDegradations()
    {
        var summary = EvaluationRunner.Run(new EvaluationOptions
        {
            ModelsDirectory = TestPaths.ModelsDirectory,
            TestDirectory = TestPaths.TestSplitDirectory,
        });

        Assert.Equal(10_000, summary.TestCount);
        Assert.Equal(9, summary.Cascade.Count);
        Assert.True(summary.Cascade.Zip(summary.Cascade.Skip(1)).All(p => p.First.EscalatedShare <= p.Second.EscalatedShare), "escalation must grow with t");
        Assert.NotNull(summary.SmallestEscalation);
        Assert.True(summary.SmallestEscalation.GapRecovered >= 0.9);
        Assert.NotNull(summary.HeldOut.Chosen);
        Assert.NotNull(summary.HeldOut.Applied);
        Assert.Equal(6, summary.Degradations.Count);
        var markdown = EvaluationReportWriter.ToMarkdown(summary);
        Assert.Contains("| 0.90 |", markdown);
        Assert.Contains("Smallest escalation reaching 90 %", markdown);
    }

    [Fact]
    public void Run_MissingModel_NamesFile()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<FileNotFoundException>(() =>
            EvaluationRunner.Run(new EvaluationOptions { ModelsDirectory = temp.Path, TestDirectory = TestPaths.TestSplitDirectory }));

        Assert.Contains("fashion-edge", ex.Message);
    }
}
