using System.Diagnostics.Metrics;
using HybridInference.Contracts.Fleet.Grpc;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Telemetry waiting for the registry, oldest first, bounded by <c>Fleet:TelemetryBufferSize</c>. The node
/// writes every message here, connected or not; the stream sends from the front and removes a message only
/// after writing it, so a partition loses nothing but what overflows. When full, the oldest message is
/// dropped and counted (<see cref="Dropped"/>, metric <c>edge.fleet.telemetry.dropped</c>): the newest state of
/// the device matters more to the fleet view than the oldest.
/// </summary>
public sealed partial class TelemetryOutbox
{
    public const string DroppedName = "edge.fleet.telemetry.dropped";

    private readonly Lock _lock = new();
    private readonly Queue<PendingTelemetry> _queue = new();
    private readonly int _capacity;
    private readonly Counter<long> _dropped;
    private readonly ILogger<TelemetryOutbox> _logger;
    private TaskCompletionSource _available = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;
    private long _droppedTotal;
    private bool _droppingReported;

    public TelemetryOutbox(IOptions<FleetAgentOptions> options, IMeterFactory meters, ILogger<TelemetryOutbox> logger)
    {
        _capacity = options.Value.TelemetryBufferSize;
        _logger = logger;
        _dropped = meters.Create(ServiceDefaults.Telemetry.SourceName)
            .CreateCounter<long>(DroppedName, "{message}", "Telemetry messages dropped, oldest first, because the buffer was full while the registry was unreachable");
    }

    /// <summary>Messages waiting to be sent.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Messages dropped since start because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _droppedTotal);

    /// <summary>Queues a message, dropping the oldest one when the buffer is full.</summary>
    public void Add(Telemetry message)
    {
        bool dropped;
        bool firstDrop = false;
        lock (_lock)
        {
            dropped = _queue.Count >= _capacity;
            if (dropped)
            {
                _queue.Dequeue();
                Interlocked.Increment(ref _droppedTotal);

                // One warning per outage, not one per message: reset when a message gets through.
                firstDrop = !_droppingReported;
                _droppingReported = true;
            }

            _queue.Enqueue(new PendingTelemetry(++_sequence, message));
            _available.TrySetResult();
        }

        if (dropped)
        {
            _dropped.Add(1);
        }

        if (firstDrop)
        {
            LogDropping(_capacity);
        }
    }

    /// <summary>The oldest waiting message, left in place until <see cref="Remove"/>.</summary>
    public bool TryPeek(out PendingTelemetry pending)
    {
        lock (_lock)
        {
            return _queue.TryPeek(out pending!);
        }
    }

    /// <summary>Removes a message once sent; a no-op if it was dropped meanwhile.</summary>
    public void Remove(long sequence)
    {
        lock (_lock)
        {
            if (_queue.TryPeek(out var head) && head.Sequence == sequence)
            {
                _queue.Dequeue();
                _droppingReported = false;
            }
        }
    }

    /// <summary>Completes when at least one message is waiting.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_queue.Count > 0)
            {
                return Task.CompletedTask;
            }

            if (_available.Task.IsCompleted)
            {
                _available = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _available.Task.WaitAsync(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 330, Level = LogLevel.Warning, Message = "Telemetry buffer full ({Capacity} messages, Fleet:TelemetryBufferSize) while the registry is unreachable: dropping the oldest messages")]
    private partial void LogDropping(int capacity);
}
