using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Faults.Distribution;

/// <summary>
/// Reads the store's faults every <see cref="FaultsOptions.PollMilliseconds"/> and hands them to
/// <see cref="FaultState"/>. A failed read keeps the last faults known, and the state still ends them at
/// their expiry: during a store outage (real or injected) a fault must not outlive its end.
/// </summary>
public sealed partial class FaultPoller(
    FaultStore store,
    FaultState state,
    IOptions<FaultsOptions> options,
    TimeProvider time,
    ILogger<FaultPoller> logger) : BackgroundService
{
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), time);
        do
        {
            await PollOnceAsync();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One read and refresh; never throws for a store problem.</summary>
    public async Task PollOnceAsync()
    {
        var before = state.Current;
        try
        {
            var faults = await store.ReadAllAsync().ConfigureAwait(false);
            var after = state.Replace(faults);
            if (_failing)
            {
                _failing = false;
                LogReadResumed();
            }

            LogChanges(before, after);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or System.Text.Json.JsonException)
        {
            if (!_failing)
            {
                _failing = true;
                LogReadFailed(ex.Message);
            }

            LogChanges(before, state.Refresh());
        }
    }

    private void LogChanges(FaultSet before, FaultSet after)
    {
        foreach (var fault in after.Active.Except(before.Active))
        {
            LogApplied(fault.Describe());
        }

        foreach (var fault in before.Active.Except(after.Active))
        {
            LogEnded(fault.Id, fault.Target);
        }
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "Fault applied: {Fault}")]
    private partial void LogApplied(string fault);

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Fault {Id} on {Target} ended")]
    private partial void LogEnded(string id, string target);

    [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "Could not read faults from the store; the faults known are kept until they expire: {Reason}")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(EventId = 803, Level = LogLevel.Information, Message = "Reading faults from the store resumed")]
    private partial void LogReadResumed();
}
