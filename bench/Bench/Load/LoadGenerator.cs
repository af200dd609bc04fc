using System.Diagnostics;

namespace HybridInference.Bench.Load;

/// <summary>
/// Closed-loop (or rate-paced) load: <see cref="LoadOptions.Concurrency"/> workers send requests back to back
/// through one target for the warm-up, then for the measured window, each recording into its own histogram.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(ILoadTarget target, LoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.WarmUp > TimeSpan.Zero)
        {
            await RunPhaseAsync(target, options, options.WarmUp, cancellationToken).ConfigureAwait(false);
        }

        var (recorder, errors, elapsed) = await RunPhaseAsync(target, options, options.Duration, cancellationToken).ConfigureAwait(false);
        var seconds = elapsed.TotalSeconds;
        return new LoadResult(
            target.Name, "bench", options.Concurrency, seconds, recorder.Count, errors, recorder.Count / seconds,
            recorder.PercentileMs(50), recorder.PercentileMs(95), recorder.PercentileMs(99), recorder.MaxMs);
    }

    private static async Task<(LatencyRecorder Recorder, long Errors, TimeSpan Elapsed)> RunPhaseAsync(
        ILoadTarget target, LoadOptions options, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        // Each worker owns a share of the rate: worker w sends its k-th request at start + (k + w/n) * interval.
        long? interval = options.RatePerSecond is { } rate ? (long)(Stopwatch.Frequency * options.Concurrency / rate) : null;
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(w => Task.Run(() => WorkerAsync(target, start, end, interval, w, options.Concurrency, cancellationToken), cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(workers).ConfigureAwait(false);

        var merged = new LatencyRecorder();
        long errors = 0;
        foreach (var (recorder, workerErrors) in results)
        {
            merged.Add(recorder);
            errors += workerErrors;
        }

        // The window is the time until the last answer came, since requests in flight at the deadline finish.
        return (merged, errors, Stopwatch.GetElapsedTime(start));
    }

    private static async Task<(LatencyRecorder, long)> WorkerAsync(
        ILoadTarget target, long start, long end, long? interval, int worker, int workers, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        long errors = 0;
        long next = interval is { } i ? start + i * worker / workers : 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            long sent;
            if (interval is { } step)
            {
                if (next >= end)
                {
                    break;
                }

                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                sent = next;
                next += step;
            }
            else
            {
                sent = Stopwatch.GetTimestamp();
                if (sent >= end)
                {
                    break;
                }
            }

            bool ok;
            try
            {
                ok = await target.SendAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or Grpc.Core.RpcException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                ok = false;
            }

            if (ok)
            {
                recorder.RecordSince(sent, Stopwatch.GetTimestamp());
            }
            else
            {
                errors++;
            }
        }

        return (recorder, errors);
    }
}
