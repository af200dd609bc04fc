using HybridInference.Bench.Load;

namespace HybridInference.Bench.Tests;

public class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_of_merged_recorders_are_those_of_all_values_within_the_histogram_precision()
    {
        // 1..1000 ms spread over two recorders, as two workers would record them.
        var a = new LatencyRecorder();
        var b = new LatencyRecorder();
        for (var ms = 1; ms <= 1000; ms++)
        {
            (ms % 2 == 0 ? a : b).Record(TimeSpan.FromMilliseconds(ms));
        }

        a.Add(b);

        Assert.Equal(1000, a.Count);
        Assert.InRange(a.PercentileMs(50), 499.5, 500.5);
        Assert.InRange(a.PercentileMs(95), 949, 951);
        Assert.InRange(a.PercentileMs(99), 989, 991);
        Assert.InRange(a.MaxMs, 999, 1001);
    }

    [Fact]
    public void An_empty_recorder_reports_zero_and_out_of_range_values_are_clamped_not_thrown()
    {
        var recorder = new LatencyRecorder();
        Assert.Equal(0, recorder.PercentileMs(99));

        recorder.Record(TimeSpan.Zero);
        recorder.Record(TimeSpan.FromHours(2));

        Assert.Equal(2, recorder.Count);
        Assert.InRange(recorder.MaxMs, 59_940, 60_060);
    }
}
