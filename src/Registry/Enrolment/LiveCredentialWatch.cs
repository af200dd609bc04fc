using System.Security.Claims;
using StackExchange.Redis;

namespace HybridInference.Registry.Enrolment;

/// <summary>
/// Keeps looking, while a device's stream is open, whether the credential it opened with is still current: on a timer
/// of the injected <see cref="TimeProvider"/> every <see cref="DeviceCredentialCheck.Interval"/>, so a revocation made
/// on any replica ends the stream within about two intervals. A store hiccup is logged and the stream kept, as for every
/// other store call on the stream. Streams of other credentials (a development or OIDC device token) are not watched.
/// </summary>
public sealed partial class LiveCredentialWatch(DeviceCredentialCheck check, TimeProvider time, ILogger<LiveCredentialWatch> logger)
{
    /// <summary>Cancels <paramref name="revoked"/> once the stream's credential is no longer current; returns at <paramref name="stop"/>.</summary>
    public async Task WatchAsync(ClaimsPrincipal user, string deviceId, CancellationTokenSource revoked, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(revoked);
        if (user.Identity?.AuthenticationType != EnrolmentSchemes.DeviceCredential || user.FindFirst("jti")?.Value is not { Length: > 0 } id)
        {
            return;
        }

        using var timer = new PeriodicTimer(check.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (!await check.IsCurrentAsync(deviceId, id))
                    {
                        LogRevoked(deviceId, id);
                        await revoked.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    LogUncheckable(deviceId, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The stream ended.
        }
    }

    [LoggerMessage(EventId = 222, Level = LogLevel.Warning, Message = "Ending the stream of device {Device}: its credential {CredentialId} has been revoked or replaced")]
    private partial void LogRevoked(string device, string credentialId);

    [LoggerMessage(EventId = 223, Level = LogLevel.Warning, Message = "Could not re-check the credential of device {Device}'s stream: {Reason}; keeping the stream")]
    private partial void LogUncheckable(string device, string reason);
}
