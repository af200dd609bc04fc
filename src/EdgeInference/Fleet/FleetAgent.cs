using System.Reflection;
using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using HybridInference.Contracts.Fleet;
using HybridInference.Contracts.Registry;
using HybridInference.EdgeInference.Device;
using HybridInference.Inference.Models;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// The edge node's side of the fleet manager. The node starts with its last good model from the local cache
/// (chosen before the catalog loads, see <see cref="CachedStartupModels"/>), then registers, keeps one
/// stream open (reconnecting with exponential backoff), sends telemetry every interval and applies every
/// new desired state it receives. Nothing here may throw out of <see cref="ExecuteAsync"/>: the node
/// serves whether or not the registry is there.
/// </summary>
public sealed partial class FleetAgent(
    ModelCatalog catalog,
    ModelSwapper swapper,
    CachedStartupModels startup,
    RunningModel running,
    DesiredStateApplier applier,
    TelemetryCollector telemetry,
    TelemetryOutbox outbox,
    DeviceSimulator device,
    IOptions<FleetAgentOptions> options,
    IOptions<EdgeOptions> edge,
    IOptions<DeviceOptions> deviceOptions,
    TimeProvider time,
    ILogger<FleetAgent> logger,
    HybridInference.Faults.Outbound.OutboundFaults? faults = null) : BackgroundService
{
    // The registry names the interval at registration; until then, and while it is unreachable, the setting.
    private TimeSpan _interval = TimeSpan.FromSeconds(options.Value.TelemetryIntervalSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start-up path at once: Kestrel starts only after every hosted service has.
        await Task.Yield();
        try
        {
            await catalog.Loaded.WaitAsync(stoppingToken);
            await SettleStartModelAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogStartFailed(ex.Message);
        }

        var settings = options.Value;
        if (!settings.FollowsRegistry)
        {
            LogNoRegistry();
            return;
        }

        // Telemetry is collected whether or not the registry is reachable, into the outbox the stream drains.
        var collector = CollectTelemetryAsync(stoppingToken);
        try
        {
            await FollowRegistryAsync(settings, stoppingToken);
        }
        finally
        {
            try
            {
                await collector;
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }

    private async Task FollowRegistryAsync(FleetAgentOptions settings, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(settings.ReconnectMinSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunSessionAsync(settings, () => backoff = TimeSpan.FromSeconds(settings.ReconnectMinSeconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSessionFailed(ex.GetType().Name, ex.Message, backoff.TotalSeconds);
            }

            try
            {
                await Task.Delay(backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, settings.ReconnectMaxSeconds));
        }
    }

    /// <summary>
    /// Records the version the node started with. A cached version was chosen before the catalog was built
    /// (<see cref="CachedStartupModels"/>); if it then failed to load, the repository's version is loaded instead,
    /// so the node still serves something. Otherwise the repository's version is recorded with its digest.
    /// </summary>
    private async Task SettleStartModelAsync(CancellationToken cancellationToken)
    {
        var served = catalog.All.FirstOrDefault(m => m.Name == edge.Value.Model);
        if (startup.Chosen is { } cached)
        {
            if (served is { IsReady: true })
            {
                return;
            }

            LogCachedStartFailed(cached.Name, cached.Version, served?.Reason ?? "not in the catalog");
            if (startup.Repository.FirstOrDefault(l => l.Name == edge.Value.Model) is not { } repository)
            {
                return;
            }

            var digest = (await Digest.OfFileAsync(repository.OnnxPath, cancellationToken)).ToString();
            await Task.Run(() => swapper.LoadAndSwap(repository), cancellationToken);
            running.Set(new RunningModelRef(repository.Name, repository.Version, digest));
            return;
        }

        if (served is { IsReady: true })
        {
            running.Set(new RunningModelRef(served.Name, served.Location.Version, (await Digest.OfFileAsync(served.Location.OnnxPath, cancellationToken)).ToString()));
        }
    }

    private async Task RunSessionAsync(FleetAgentOptions settings, Action connected, CancellationToken stoppingToken)
    {
        var sockets = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            EnableMultipleHttp2Connections = true,
        };
        using var channel = GrpcChannel.ForAddress(settings.RegistryGrpcAddress!, new GrpcChannelOptions
        {
            // Link faults on edge->registry reach the fleet stream too, not only the artifact downloads.
            HttpHandler = faults is null ? sockets : faults.Wrap(sockets),
        });
        var client = new FleetService.FleetServiceClient(channel);
        var reply = await client.RegisterAsync(RegisterRequest(), deadline: time.GetUtcNow().UtcDateTime.AddSeconds(10), cancellationToken: stoppingToken);
        connected();
        LogRegistered(settings.RegistryGrpcAddress!);

        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = client.Connect(cancellationToken: session.Token);
        var writes = new SemaphoreSlim(1, 1);
        async Task SendAsync(DeviceMessage message)
        {
            await writes.WaitAsync(session.Token);
            try
            {
                await call.RequestStream.WriteAsync(message, session.Token);
            }
            finally
            {
                writes.Release();
            }
        }

        await SendAsync(new DeviceMessage { Hello = new Hello { DeviceId = edge.Value.DeviceId } });
        if (reply.TelemetryIntervalSeconds > 0)
        {
            _interval = TimeSpan.FromSeconds(reply.TelemetryIntervalSeconds);
        }

        // What was buffered while unreachable goes first, in order, before the report of the initial desired
        // state: the registry takes the model named in telemetry as running, and the report must come last.
        var buffered = outbox.Count;
        await SendBufferedAsync(SendAsync);
        if (buffered > 0)
        {
            LogBufferedSent(buffered, outbox.Dropped);
        }

        var sender = ForwardTelemetryAsync(SendAsync, session.Token);

        // The newest desired state waits here while an older one is applied; states in between are skipped.
        var desiredStates = Channel.CreateBounded<Contracts.Fleet.DesiredState>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });
        var follower = FollowDesiredAsync(desiredStates.Reader, SendAsync, settings, session);
        try
        {
            if (reply.Desired is { } initial)
            {
                desiredStates.Writer.TryWrite(initial);
            }

            while (await call.ResponseStream.MoveNext(session.Token))
            {
                if (call.ResponseStream.Current.Desired is { } desired)
                {
                    desiredStates.Writer.TryWrite(desired);
                }
            }
        }
        finally
        {
            desiredStates.Writer.TryComplete();
            await session.CancelAsync();
            try
            {
                await sender;
            }
            catch (OperationCanceledException)
            {
                // The session ended; its telemetry loop with it.
            }

            try
            {
                await follower;
            }
            catch (OperationCanceledException)
            {
                // The session ended during an apply or a wait; the next session is sent the desired state again.
            }
        }
    }

    /// <summary>
    /// Applies each desired state in turn. One that failed for a passing reason (the artifact could not be fetched)
    /// is tried again after a growing delay (<c>Fleet:ReconnectMinSeconds</c> to <c>ReconnectMaxSeconds</c>) until it
    /// is applied or a newer one arrives: the registry sends a state once, so without this a node whose download
    /// failed while its stream stayed open stayed on its old version for good. A failure to report ends the session.
    /// </summary>
    private async Task FollowDesiredAsync(
        ChannelReader<Contracts.Fleet.DesiredState> desiredStates, Func<DeviceMessage, Task> send, FleetAgentOptions settings, CancellationTokenSource session)
    {
        var cancellationToken = session.Token;
        try
        {
            while (await desiredStates.WaitToReadAsync(cancellationToken))
            {
                if (!desiredStates.TryRead(out var desired))
                {
                    continue;
                }

                var delay = TimeSpan.FromSeconds(settings.ReconnectMinSeconds);
                while ((await ApplyAndReportAsync(desired, send, cancellationToken)).Transient)
                {
                    LogApplyRetry(desired.ModelName, desired.ModelVersion, delay.TotalSeconds);
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var newer = desiredStates.WaitToReadAsync(wait.Token).AsTask();
                    var due = Task.Delay(delay, time, wait.Token);
                    var first = await Task.WhenAny(newer, due);
                    await wait.CancelAsync();
                    cancellationToken.ThrowIfCancellationRequested();
                    if (first == newer)
                    {
                        // A newer state (or the session's end) supersedes this one.
                        break;
                    }

                    delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, settings.ReconnectMaxSeconds));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await session.CancelAsync();
            throw;
        }
    }

    private async Task<ApplyOutcome> ApplyAndReportAsync(Contracts.Fleet.DesiredState desired, Func<DeviceMessage, Task> send, CancellationToken cancellationToken)
    {
        // Not gated on the generation: a registry whose store was reset counts from 1 again. Applying what the
        // node already serves costs one comparison of digests.
        var target = new RunningModelRef(desired.ModelName, desired.ModelVersion, desired.Digest);
        var outcome = await applier.ApplyAsync(target, download: true, cancellationToken);
        var report = new StateReport { Generation = desired.Generation, Status = outcome.Status, Detail = outcome.Detail };
        if (running.Current is { } now)
        {
            report.Model = new ModelInUse { Name = now.Name, Version = (int)now.Version, Digest = now.Digest };
        }

        await send(new DeviceMessage { Report = report });
        return outcome;
    }

    /// <summary>Puts one telemetry message in the outbox every interval, connected or not.</summary>
    private async Task CollectTelemetryAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var message = NewTelemetry();

            // A device that stopped reporting sends nothing; its window is lost, as a silent device's would be.
            if (!device.Snapshot().Fault.StopReporting)
            {
                outbox.Add(message);
            }

            if (timer.Period != _interval)
            {
                timer.Period = _interval;
            }
        }
    }

    /// <summary>Sends the outbox's messages as they come, for as long as the stream lives.</summary>
    private async Task ForwardTelemetryAsync(Func<DeviceMessage, Task> send, CancellationToken cancellationToken)
    {
        while (true)
        {
            await outbox.WaitAsync(cancellationToken);
            await SendBufferedAsync(send);
        }
    }

    /// <summary>Sends every waiting message oldest first, removing each only once written.</summary>
    private async Task SendBufferedAsync(Func<DeviceMessage, Task> send)
    {
        while (outbox.TryPeek(out var pending))
        {
            await send(new DeviceMessage { Telemetry = pending.Message });
            outbox.Remove(pending.Sequence);
        }
    }

    private Telemetry NewTelemetry()
    {
        var window = telemetry.TakeWindow();
        var health = device.Snapshot();
        var message = new Telemetry
        {
            TimestampUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            InferenceCount = window.Images,
            LatencyP50Ms = window.P50Ms,
            LatencyP95Ms = window.P95Ms,
            LatencyP99Ms = window.P99Ms,
            ConfidenceHistogram = { window.ConfidenceHistogram },
            GpuTemperatureC = health.GpuTemperatureCelsius,
            GpuUtilisation = health.GpuUtilisation,
            GpuMemoryUsedMib = health.GpuMemoryUsedMiB,
            GpuMemoryTotalMib = health.GpuMemoryTotalMiB,
            Throttled = health.Throttled,
        };
        if (running.Current is { } model)
        {
            message.Model = new ModelInUse { Name = model.Name, Version = (int)model.Version, Digest = model.Digest };
        }

        return message;
    }

    private RegisterRequest RegisterRequest()
    {
        var identity = edge.Value;
        var request = new RegisterRequest
        {
            Device = new DeviceInfo
            {
                DeviceId = identity.DeviceId,
                Site = identity.Site,
                Group = identity.FleetGroup,
                Hardware = $"simulated-gpu {deviceOptions.Value.MemoryTotalMiB:F0} MiB, {deviceOptions.Value.CapacityImagesPerSecond:F0} images/s",
                SoftwareVersion = Assembly.GetEntryAssembly()?.GetName().Version?.ToString() ?? "0.0.0",
            },
        };
        if (running.Current is { } model)
        {
            request.Model = new ModelInUse { Name = model.Name, Version = (int)model.Version, Digest = model.Digest };
        }

        return request;
    }

    [LoggerMessage(EventId = 316, Level = LogLevel.Warning, Message = "Could not apply {Model} version {Version} yet; trying again in {Seconds} s unless a newer desired state arrives")]
    private partial void LogApplyRetry(string model, long version, double seconds);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "No registry configured (Fleet:RegistryGrpcAddress / services:registry:grpc:0); serving without a fleet manager")]
    private partial void LogNoRegistry();

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "Registered with the fleet manager at {Address}")]
    private partial void LogRegistered(string address);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Fleet session ended ({Kind}: {Reason}); reconnecting in {Seconds} s, serving meanwhile")]
    private partial void LogSessionFailed(string kind, string reason, double seconds);

    [LoggerMessage(EventId = 313, Level = LogLevel.Error, Message = "Cached {Model} version {Version} did not load at start ({Reason}); serving the repository model")]
    private partial void LogCachedStartFailed(string model, long version, string reason);

    [LoggerMessage(EventId = 315, Level = LogLevel.Information, Message = "Sent {Count} telemetry messages buffered while the registry was unreachable ({Dropped} dropped since start, buffer full)")]
    private partial void LogBufferedSent(int count, long dropped);

    [LoggerMessage(EventId = 314, Level = LogLevel.Error, Message = "Fleet agent start-up step failed: {Reason}; serving the repository model")]
    private partial void LogStartFailed(string reason);
}
