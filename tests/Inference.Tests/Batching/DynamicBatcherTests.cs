using HybridInference.Contracts.Oip;
using HybridInference.Inference.Batching;
using HybridInference.Inference.Runtime;
using HybridInference.Inference.Serving;
using HybridInference.Inference.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Inference.Tests.Batching;

public sealed class DynamicBatcherTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly TestMeters _meters = new();
    private readonly OnnxModel _model = OnnxModel.Load(TestData.EdgeOnnx, 1, false);

    public void Dispose()
    {
        _model.Dispose();
        _meters.Dispose();
    }

    private DynamicBatcher Create(int maxBatch, int delayMicroseconds = 1_000, int maxQueue = 100, IExecutionThrottle? throttle = null, int instances = 1) =>
        new(new ModelRunner(_model, "fashion-edge", "1", _meters.Metrics, throttle, _time),
            new ModelServingOptions { DynamicBatching = true, MaxBatchSize = maxBatch, MaxQueueDelayMicroseconds = delayMicroseconds, MaxQueueSize = maxQueue, Instances = instances },
            _time);

    private static float[] Image(int index) => TestData.Batch(1, index);

    [Fact]
    public async Task Execute_FullBatch_RunsWithoutWaitingForTheDelay()
    {
        await using var batcher = Create(maxBatch: 4, delayMicroseconds: 10_000_000);

        var tasks = Enumerable.Range(0, 4).Select(i => batcher.ExecuteAsync(Image(i), 1, default).AsTask()).ToArray();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(4, r.BatchSize));
        Assert.Equal([4.0], _meters.Values(InferenceMetrics.BatchSizeName));
    }

    [Fact]
    public async Task Execute_Batched_GivesEachRequestItsOwnRows()
    {
        await using var batcher = Create(maxBatch: 3, delayMicroseconds: 10_000_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => batcher.ExecuteAsync(Image(i), 1, default).AsTask()));

        for (var i = 0; i < 3; i++)
        {
            var alone = _model.Run(Image(i), 1);
            Assert.Equal(alone.Select(v => Math.Round(v, 5)), results[i].Output.Select(v => Math.Round(v, 5)));
        }
    }

    [Fact]
    public async Task Execute_PartialBatch_WaitsForTheQueueDelayThenRunsTogether()
    {
        await using var batcher = Create(maxBatch: 8, delayMicroseconds: 1_000);

        var first = batcher.ExecuteAsync(Image(0), 1, default).AsTask();
        var second = batcher.ExecuteAsync(Image(1), 1, default).AsTask();
        Assert.False(first.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.Equal(2, r.BatchSize));
        Assert.Equal(TimeSpan.FromMilliseconds(1), results[0].QueueTime);
    }

    [Fact]
    public async Task Execute_RequestThatDoesNotFit_RunsInTheNextBatch()
    {
        await using var batcher = Create(maxBatch: 4, delayMicroseconds: 1_000);

        var three = batcher.ExecuteAsync(TestData.Batch(3), 3, default).AsTask();
        var two = batcher.ExecuteAsync(TestData.Batch(2, 3), 2, default).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(3, (await three).BatchSize);
        Assert.Equal(2, (await two).BatchSize);
        Assert.Equal(30, (await three).Output.Length);
    }

    [Fact]
    public async Task Execute_QueueFull_RefusesWith503AndServesTheRest()
    {
        var gate = new GateThrottle();
        await using var batcher = Create(maxBatch: 1, delayMicroseconds: 0, maxQueue: 1, throttle: gate);

        var running = batcher.ExecuteAsync(Image(0), 1, default).AsTask();
        await gate.Entered;
        var queued = batcher.ExecuteAsync(Image(1), 1, default).AsTask();
        var refused = Assert.Throws<OipException>(() => batcher.ExecuteAsync(Image(2), 1, default));
        gate.Open();

        Assert.Equal(503, refused.StatusCode);
        Assert.Contains("queue is full", refused.Message);
        Assert.Equal(1, (await running).BatchSize);
        Assert.Equal(1, (await queued).BatchSize);
    }

    [Fact]
    public async Task Dispose_WithWaitingRequest_FailsItWith503()
    {
        var batcher = Create(maxBatch: 8, delayMicroseconds: 10_000_000);
        var waiting = batcher.ExecuteAsync(Image(0), 1, default).AsTask();

        await batcher.DisposeAsync();

        var error = await Assert.ThrowsAsync<OipException>(() => waiting);
        Assert.Equal(503, error.StatusCode);
    }

    [Fact]
    public async Task Execute_CancelledBeforeItsBatch_IsDroppedFromTheBatch()
    {
        await using var batcher = Create(maxBatch: 8, delayMicroseconds: 1_000);
        using var cancel = new CancellationTokenSource();

        var dropped = batcher.ExecuteAsync(Image(0), 1, cancel.Token).AsTask();
        var kept = batcher.ExecuteAsync(Image(1), 1, default).AsTask();
        await cancel.CancelAsync();
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, (await kept).BatchSize);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropped);
    }

    [Fact]
    public async Task Execute_TwoInstances_RunWhileTheOtherIsBusy()
    {
        var gate = new GateThrottle();
        await using var batcher = Create(maxBatch: 1, delayMicroseconds: 0, throttle: gate, instances: 2);

        var held = batcher.ExecuteAsync(Image(0), 1, default).AsTask();
        await gate.Entered;
        gate.PassNext();
        var other = batcher.ExecuteAsync(Image(1), 1, default).AsTask();

        Assert.Equal(1, (await other).BatchSize);
        Assert.False(held.IsCompleted);
        gate.Open();
        Assert.Equal(1, (await held).BatchSize);
    }

    /// <summary>Holds the first execution until opened, so the queue behind it can be observed.</summary>
    private sealed class GateThrottle : IExecutionThrottle
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        private int _held;
        private volatile bool _passNext;

        public void Open() => _open.TrySetResult();

        /// <summary>Lets executions after the first one through without waiting.</summary>
        public void PassNext() => _passNext = true;

        public async ValueTask OnExecutedAsync(int rows, TimeSpan elapsed, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _held) > 1 && _passNext)
            {
                return;
            }

            _entered.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
        }
    }
}
