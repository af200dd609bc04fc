namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The hard limit: the error rate of the requests that finished in the last window. A window, not the whole
/// run, so a burst of errors stops the experiment even after a long healthy start; and a minimum count, so two
/// early failures out of three do not.
/// </summary>
public static class SafetyCheck
{
    /// <returns>a reason when the limit is crossed at <paramref name="nowMs"/>, else null</returns>
    public static string? Crossed(IEnumerable<RequestSample> finished, double nowMs, Experiment.SafetyLimit limit)
    {
        var since = nowMs - limit.Window.TotalMilliseconds;
        int count = 0, failed = 0;
        foreach (var sample in finished)
        {
            if (sample.EndMs > since && sample.EndMs <= nowMs)
            {
                count++;
                failed += sample.Answered ? 0 : 1;
            }
        }

        if (count < limit.MinRequests)
        {
            return null;
        }

        var rate = (double)failed / count;
        return rate > limit.MaxErrorRate
            ? $"error rate {rate:P1} ({failed} of {count} requests in the last {limit.Window.TotalSeconds:0.#} s) above the safety limit {limit.MaxErrorRate:P1}"
            : null;
    }
}
