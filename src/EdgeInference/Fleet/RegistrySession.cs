using System.Threading.Channels;
using Grpc.Net.ClientFactory;
using HybridInference.Clients.Fleet;
using HybridInference.Contracts.Fleet.Grpc;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// The node's connection to the fleet manager: register, keep one stream open (hello, buffered telemetry first,
/// then telemetry as it comes and desired states as they arrive), and when it breaks, reconnect through the
/// <see cref="FleetPipelines.Reconnect"/> pipeline, serving meanwhile. Nothing here throws but the node's stopping.
/// </summary>
public sealed partial class RegistrySession(
    GrpcClientFactory clients,
    DeviceRegistration registration,
    TelemetryForwarder telemetry,
    DesiredStateFollower follower,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<FleetAgentOptions> options,
    TimeProvider time,
    ILogger<RegistrySession> logger)
{
    private readonly ResiliencePipeline _reconnect = pipelines.GetPipeline(FleetPipelines.Reconnect);

    /// <summary>Follows the registry until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        SessionEndedException? ended = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            // One retry sequence per established session, so that the backoff starts again from its shortest delay
            // after every session that registered: the session that ended is the sequence's first failure, and the
            // wait before reconnecting is the pipeline's.
            var previous = ended;
            try
            {
                ended = await _reconnect.ExecuteAsync(
                    async token =>
                    {
                        if (previous is not null)
                        {
                            var end = previous;
                            previous = null;
                            throw end;
                        }

                        return await ConnectAsync(token);
                    },
                    stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Registers (a failure throws, and is retried), then runs the stream to its end and returns how it ended.</summary>
    private async Task<SessionEndedException> ConnectAsync(CancellationToken stoppingToken)
    {
        var client = clients.CreateClient<FleetService.FleetServiceClient>(FleetGrpcClientExtensions.Name);
        var reply = await client.RegisterAsync(registration.Create(), deadline: time.GetUtcNow().UtcDateTime.AddSeconds(10), cancellationToken: stoppingToken);
        LogRegistered(options.Value.RegistryGrpcAddress!);
        try
        {
            await StreamAsync(client, reply, stoppingToken);
            return new SessionEndedException(null);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            return new SessionEndedException(ex);
        }
    }

    private async Task StreamAsync(FleetService.FleetServiceClient client, RegisterReply reply, CancellationToken stoppingToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = client.Connect(cancellationToken: session.Token);
        using var writes = new SemaphoreSlim(1, 1);
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

        await SendAsync(new DeviceMessage { Hello = new Hello { DeviceId = registration.DeviceId } });
        if (reply.TelemetryIntervalSeconds > 0)
        {
            telemetry.Interval = TimeSpan.FromSeconds(reply.TelemetryIntervalSeconds);
        }

        // What was buffered while unreachable goes first, in order, before the report of the initial desired state.
        await telemetry.SendBacklogAsync(SendAsync);
        var sender = telemetry.ForwardAsync(SendAsync, session.Token);

        // The newest desired state waits here while an older one is applied; states in between are skipped.
        var desiredStates = Channel.CreateBounded<DesiredState>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });
        var following = follower.FollowAsync(desiredStates.Reader, SendAsync, session);
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
            await EndedAsync(sender);

            // The session ended during an apply or a wait; the next session is sent the desired state again.
            await EndedAsync(following);
        }
    }

    private static async Task EndedAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The session ended; its loop with it.
        }
    }

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "Registered with the fleet manager at {Address}")]
    private partial void LogRegistered(string address);
}
