using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Storage;

/// <summary>
/// Refreshes this process's presence record every interval and removes it on a clean stop. A store
/// outage is logged once per outage, not per tick: the health check already reports it.
/// </summary>
public sealed partial class PresenceReporter(
    PresenceDirectory directory,
    IOptions<PresenceOptions> options,
    TimeProvider time,
    ILogger<PresenceReporter> logger) : BackgroundService
{
    private PresenceRecord? _record;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var started = time.GetUtcNow();
        _record = new PresenceRecord(
            Service: settings.Service ?? AppDomain.CurrentDomain.FriendlyName,
            Instance: settings.Instance ?? $"{Environment.MachineName}-{Environment.ProcessId}",
            Role: settings.Role,
            Site: settings.Site,
            Version: Assembly.GetEntryAssembly()?.GetName().Version?.ToString() ?? "0.0.0",
            StartedAt: started,
            LastSeen: started);

        var failing = false;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.IntervalSeconds), time);
        do
        {
            try
            {
                _record = _record with { LastSeen = time.GetUtcNow() };
                await directory.WriteAsync(_record);
                if (failing)
                {
                    LogPresenceResumed(_record.Service);
                    failing = false;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (!failing)
                {
                    LogPresenceFailed(_record.Service, ex.Message);
                    failing = true;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false) is true);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_record is not null)
        {
            try
            {
                await directory.RemoveAsync(_record).WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException or ObjectDisposedException)
            {
                // The record expires by its TTL anyway; a store outage at shutdown is not worth a failure.
                // ObjectDisposedException: WebApplication.RunAsync and a host owner (a test factory, a
                // service manager) may both stop the host, and the first to finish disposes the container,
                // store connection included, while the other is still stopping the hosted services.
            }
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Could not refresh presence of {Service} in the store: {Reason}")]
    private partial void LogPresenceFailed(string service, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Presence of {Service} in the store resumed")]
    private partial void LogPresenceResumed(string service);
}
