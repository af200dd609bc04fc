using HybridInference.Contracts.Statistics;
using HybridInference.Training.Evaluation;

namespace HybridInference.Training.Tests.Evaluation;

public sealed class LatencyBenchmarkTests
{
    [Fact]
    public void Summarise_2000Runs_MedianAndP95AreTheNearestRanks()
    {
        // 2000 times of 1..2000 ms in reverse: the median is rank ceil(0.5 * 2000) = 1000 and the p95 rank 1900,
        // the lower of the two middle values and the 1900th, as every other percentile the product reports.
        var times = Enumerable.Range(1, 2000).Reverse().Select(i => (double)i).ToArray();

        var result = LatencyBenchmark.Summarise(batchSize: 1, times);

        Assert.Equal(new LatencyResult(1, 2000, 1000, 1900), result);
        Assert.Equal(Percentile.Of(times, 0.95), result.P95Ms);
    }

    [Fact]
    public void Summarise_OddRuns_MedianIsTheMiddleValue()
    {
        double[] times = [0.9, 0.2, 0.5, 0.4, 0.3];

        var result = LatencyBenchmark.Summarise(batchSize: 64, times);

        Assert.Equal((64, 5, 0.4, 0.9), (result.BatchSize, result.Runs, result.MedianMs, result.P95Ms));
    }
}
