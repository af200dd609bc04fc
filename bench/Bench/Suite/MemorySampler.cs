using HybridInference.Bench.Services;

namespace HybridInference.Bench.Suite;

/// <summary>
/// Polls each service's resident memory every 100 ms while load runs and keeps the highest value: the peak
/// under load is what must fit on the device.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly IReadOnlyList<ServiceProcess> _services;
    private readonly Dictionary<string, long> _peaks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler(IReadOnlyList<ServiceProcess> services)
    {
        _services = services;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The highest resident bytes seen per service name so far.</summary>
    public IReadOnlyDictionary<string, long> Peaks
    {
        get
        {
            lock (_peaks)
            {
                return new Dictionary<string, long>(_peaks);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var service in _services)
            {
                if (service.ResidentBytes() is { } bytes)
                {
                    lock (_peaks)
                    {
                        _peaks[service.Name] = Math.Max(bytes, _peaks.GetValueOrDefault(service.Name));
                    }
                }
            }

            await Task.Delay(100, _stop.Token).ConfigureAwait(false);
        }
    }
}
