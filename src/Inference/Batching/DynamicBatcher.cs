using HybridInference.Contracts.Oip;
using System.Threading.Channels;
using HybridInference.Inference.Serving;

namespace HybridInference.Inference.Batching;

/// <summary>
/// Triton-style dynamic batching: concurrent requests wait in a queue and run as one ONNX Runtime
/// execution once the batch reaches the preferred size or the first request has waited the maximum
/// queue delay. A request is never split across executions, so a batch holds at most MaxBatchSize rows.
/// </summary>
internal sealed class DynamicBatcher : IModelExecutor
{
    private readonly ModelRunner _runner;
    private readonly TimeProvider _time;
    private readonly Channel<Pending> _queue;
    private readonly int _maxBatchSize;
    private readonly int _preferredBatchSize;
    private readonly TimeSpan _maxQueueDelay;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;

    public DynamicBatcher(ModelRunner runner, ModelServingOptions options, TimeProvider time)
    {
        _runner = runner;
        _time = time;
        _maxBatchSize = options.MaxBatchSize;
        _preferredBatchSize = options.PreferredBatchSize > 0 ? options.PreferredBatchSize : options.MaxBatchSize;
        _maxQueueDelay = TimeSpan.FromMicroseconds(options.MaxQueueDelayMicroseconds);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.MaxQueueSize)
        {
            SingleReader = options.Instances == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loops = [.. Enumerable.Range(0, options.Instances).Select(_ => Task.Run(RunLoopAsync))];
    }

    public ValueTask<ExecutionResult> ExecuteAsync(float[] input, int rows, CancellationToken cancellationToken)
    {
        var pending = new Pending(input, rows, _time.GetTimestamp(), cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            // A full queue means the model is saturated: refusing now is kinder than a timeout later.
            throw new OipException(OipStatus.ServiceUnavailable, $"the batch queue is full ({_queue.Reader.Count} requests waiting); retry later");
        }

        return new ValueTask<ExecutionResult>(pending.Completion.Task);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        while (_queue.Reader.TryRead(out var left))
        {
            left.Completion.TrySetException(new OipException(OipStatus.ServiceUnavailable, "the model is being unloaded"));
        }

        _stop.Dispose();
    }

    private async Task RunLoopAsync()
    {
        var reader = _queue.Reader;
        Pending? carry = null;
        List<Pending> batch = [];
        try
        {
            while (carry is not null || await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                batch.Clear();
                var first = carry;
                carry = null;
                if (first is null && !reader.TryRead(out first))
                {
                    continue;
                }

                batch.Add(first);
                var rows = first.Rows;
                while (rows < _preferredBatchSize)
                {
                    if (reader.TryRead(out var next))
                    {
                        if (rows + next.Rows > _maxBatchSize)
                        {
                            carry = next;
                            break;
                        }

                        batch.Add(next);
                        rows += next.Rows;
                        continue;
                    }

                    if (!await WaitForMoreAsync(reader, first.EnqueuedAt).ConfigureAwait(false))
                    {
                        break;
                    }
                }

                await ExecuteBatchAsync(batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Requests caught mid-batch by shutdown must hear so, not wait for an answer that never comes.
            foreach (var pending in batch.Append(carry).OfType<Pending>())
            {
                pending.Completion.TrySetException(new OipException(OipStatus.ServiceUnavailable, "the model is being unloaded"));
            }
        }
    }

    /// <summary>Waits until another request arrives (true) or the first one's queue delay has passed (false).</summary>
    private async Task<bool> WaitForMoreAsync(ChannelReader<Pending> reader, long firstEnqueuedAt)
    {
        var remaining = _maxQueueDelay - _time.GetElapsedTime(firstEnqueuedAt);
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var timer = Task.Delay(remaining, _time, wait.Token);

        // The clock may have moved between reading it and arming the timer; the timer would then fire
        // late (never, on a test's fake clock), so look again now that it is armed.
        if (_time.GetElapsedTime(firstEnqueuedAt) >= _maxQueueDelay)
        {
            await wait.CancelAsync().ConfigureAwait(false);
            return false;
        }

        var arrival = reader.WaitToReadAsync(wait.Token).AsTask();
        await Task.WhenAny(timer, arrival).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        _stop.Token.ThrowIfCancellationRequested();

        // A request that arrived by the deadline joins the batch even when the timer fired too:
        // WhenAny reports the first task in argument order when both are done, not the first to finish.
        return arrival.IsCompletedSuccessfully && arrival.Result;
    }

    private async Task ExecuteBatchAsync(List<Pending> batch)
    {
        batch.RemoveAll(p => p.CancellationToken.IsCancellationRequested && p.Completion.TrySetCanceled(p.CancellationToken));
        if (batch.Count == 0)
        {
            return;
        }

        var rows = batch.Sum(p => p.Rows);
        var started = _time.GetTimestamp();
        float[] input;
        if (batch.Count == 1)
        {
            input = batch[0].Input;
        }
        else
        {
            input = new float[batch.Sum(p => p.Input.Length)];
            var offset = 0;
            foreach (var pending in batch)
            {
                pending.Input.CopyTo(input, offset);
                offset += pending.Input.Length;
            }
        }

        try
        {
            var (output, elapsed) = await _runner.RunAsync(input, rows, _stop.Token).ConfigureAwait(false);
            var width = output.Length / rows;
            var offset = 0;
            foreach (var pending in batch)
            {
                var slice = output.AsSpan(offset * width, pending.Rows * width).ToArray();
                offset += pending.Rows;
                var queued = TimeSpan.FromTicks(Math.Max(0, (started - pending.EnqueuedAt) * TimeSpan.TicksPerSecond / _time.TimestampFrequency));
                pending.Completion.TrySetResult(new ExecutionResult(slice, rows, queued, elapsed));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            // Every request of a failed batch learns why, rather than waiting forever.
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private sealed class Pending(float[] input, int rows, long enqueuedAt, CancellationToken cancellationToken)
    {
        public float[] Input { get; } = input;

        public int Rows { get; } = rows;

        public long EnqueuedAt { get; } = enqueuedAt;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<ExecutionResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
