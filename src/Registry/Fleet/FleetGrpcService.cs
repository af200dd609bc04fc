using Grpc.Core;
using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.Registry.Enrolment;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Registry.Fleet;

/// <summary>
/// The devices' side of the fleet manager: registration, and one long-lived stream per device carrying
/// telemetry and state reports up and desired state down. A store hiccup is logged and skipped, never
/// allowed to end a device's stream: the device would only reconnect into the same hiccup.
/// </summary>
public sealed partial class FleetGrpcService(
    FleetStore fleet,
    LiveCredentialWatch credentials,
    IHostApplicationLifetime lifetime,
    IOptions<FleetOptions> options,
    TimeProvider time,
    ILogger<FleetGrpcService> logger) : FleetService.FleetServiceBase
{
    public override async Task<RegisterReply> Register(RegisterRequest request, ServerCallContext context)
    {
        var device = request.Device ?? throw Invalid("device is required: {device_id, site, group, hardware, software_version}");
        if (!FleetNames.IsValid(device.DeviceId))
        {
            throw Invalid($"device_id '{device.DeviceId}' is invalid: use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        DeviceIdentity.Demand(context, device.DeviceId, logger);
        if (string.IsNullOrWhiteSpace(device.Site))
        {
            throw Invalid("site is required");
        }

        // Sites and groups are targets of desired states (URL paths, store keys): same rule as device ids.
        if (!FleetNames.IsValid(device.Site))
        {
            throw Invalid($"site '{device.Site}' is invalid: use {FleetNames.Rule}");
        }

        DeviceIdentity.DemandSite(context, device.DeviceId, device.Site, logger);

        if (!string.IsNullOrWhiteSpace(device.Group) && !FleetNames.IsValid(device.Group))
        {
            throw Invalid($"group '{device.Group}' is invalid: use {FleetNames.Rule}");
        }

        await fleet.RegisterAsync(device.DeviceId, device.Site, Or(device.Group, "default"), Or(device.Hardware, "unknown"),
            Or(device.SoftwareVersion, "unknown"), request.Model.ToRecord());
        LogRegistered(device.DeviceId, device.Site, device.Group);
        var reply = new RegisterReply { TelemetryIntervalSeconds = options.Value.TelemetryIntervalSeconds };
        if (await fleet.GetDesiredAsync(device.DeviceId) is { } desired)
        {
            reply.Desired = desired.ToMessage();
        }

        return reply;
    }

    public override async Task Connect(IAsyncStreamReader<DeviceMessage> requestStream, IServerStreamWriter<ControlMessage> responseStream, ServerCallContext context)
    {
        // A device's stream never ends by itself: unless it ends when the registry stops, Kestrel's graceful
        // shutdown waits for it and the process outlives the orchestrator's stop timeout.
        // Cancelled by the credential watch when the stream's credential is revoked or replaced.
        using var revoked = new CancellationTokenSource();
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping, revoked.Token);
        var cancellation = call.Token;
        if (!await requestStream.MoveNext(cancellation) || requestStream.Current.KindCase != DeviceMessage.KindOneofCase.Hello)
        {
            throw Invalid("the first message on the stream must be a hello naming the device");
        }

        var id = requestStream.Current.Hello.DeviceId;
        DeviceIdentity.Demand(context, id, logger);
        if (await fleet.GetDeviceAsync(id) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"device '{id}' is not registered: call Register first"));
        }

        await fleet.TouchAsync(id);
        LogConnected(id);
        using var pushing = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var pusher = PushDesiredAsync(id, responseStream, pushing.Token, cancellation);
        var watch = credentials.WatchAsync(context.GetHttpContext().User, id, revoked, pushing.Token);
        try
        {
            while (await requestStream.MoveNext(cancellation))
            {
                await HandleAsync(id, requestStream.Current);
            }
        }
        catch (OperationCanceledException) when (revoked.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"credential revoked: device '{id}''s credential has been revoked or replaced; the device must be enrolled again"));
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            // The registry is stopping: end the call normally; the device reconnects to another replica or later.
        }
        finally
        {
            await pushing.CancelAsync();
            await pusher;
            await watch;
            LogDisconnected(id);
        }
    }

    private async Task HandleAsync(string id, DeviceMessage message)
    {
        try
        {
            switch (message.KindCase)
            {
                case DeviceMessage.KindOneofCase.Telemetry:
                    await fleet.RecordTelemetryAsync(id, message.Telemetry.ToRecord(time.GetUtcNow()));
                    break;
                case DeviceMessage.KindOneofCase.Report:
                    var report = message.Report.ToRecord(time.GetUtcNow());
                    await fleet.RecordReportAsync(id, report);
                    LogReport(id, report.Generation, report.Status, report.Detail);
                    break;
                default:
                    await fleet.TouchAsync(id);
                    break;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogStoreFailed(id, ex.Message);
        }
    }

    /// <summary>Sends the desired state once at connect and again whenever its generation changes.</summary>
    /// <remarks>
    /// <paramref name="stop"/> ends the polling; a write already started only follows <paramref name="call"/>, because a
    /// cancelled write resets the whole HTTP/2 stream and the device would lose the call's normal end.
    /// </remarks>
    private async Task PushDesiredAsync(string id, IServerStreamWriter<ControlMessage> responseStream, CancellationToken stop, CancellationToken call)
    {
        long sent = -1;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.DesiredPollMilliseconds), time);
        try
        {
            do
            {
                try
                {
                    if (await fleet.GetDesiredAsync(id) is { } desired && desired.Generation != sent)
                    {
                        await responseStream.WriteAsync(new ControlMessage { Desired = desired.ToMessage() }, call);
                        sent = desired.Generation;
                        LogPushed(id, desired.Generation, desired.Model.Name, desired.Model.Version);
                    }
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    LogStoreFailed(id, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested || call.IsCancellationRequested)
        {
            // The device hung up or the registry is stopping.
        }
        catch (InvalidOperationException ex)
        {
            // Writing after the call completed: the device is gone; its reconnect starts a new pusher.
            LogPushFailed(id, ex.Message);
        }
    }

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Device {Device} registered (site {Site}, group {Group})")]
    private partial void LogRegistered(string device, string site, string group);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Device {Device} connected its stream")]
    private partial void LogConnected(string device);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Device {Device} stream closed")]
    private partial void LogDisconnected(string device);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Pushed desired state {Generation} ({Model} version {Version}) to {Device}")]
    private partial void LogPushed(string device, long generation, string model, int version);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Device {Device} reports desired state {Generation}: {Status} {Detail}")]
    private partial void LogReport(string device, long generation, string status, string detail);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Fleet store operation for {Device} failed: {Reason}")]
    private partial void LogStoreFailed(string device, string reason);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Could not push desired state to {Device}: {Reason}")]
    private partial void LogPushFailed(string device, string reason);
}
