using HybridInference.Inference.Models;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// The edge node's side of the fleet manager. The node starts with its last good model from the local cache
/// (chosen before the catalog loads, see <see cref="CachedStartupModels"/>; settled by <see cref="StartModelSettler"/>),
/// then collects telemetry (<see cref="TelemetryForwarder"/>) and follows the registry (<see cref="RegistrySession"/>,
/// which applies desired states through <see cref="DesiredStateFollower"/>). Nothing here may throw out of
/// <see cref="ExecuteAsync"/>: the node serves whether or not the registry is there.
/// </summary>
public sealed partial class FleetAgent(
    ModelCatalog catalog,
    StartModelSettler settler,
    TelemetryForwarder telemetry,
    RegistrySession session,
    DeviceEnrolment enrolment,
    IOptions<FleetAgentOptions> options,
    ILogger<FleetAgent> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start-up path at once: Kestrel starts only after every hosted service has.
        await Task.Yield();
        try
        {
            await catalog.Loaded.WaitAsync(stoppingToken);
            await settler.SettleAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogStartFailed(ex.Message);
        }

        if (!options.Value.FollowsRegistry)
        {
            LogNoRegistry();
            return;
        }

        // Telemetry is collected whether or not the registry is reachable, into the outbox the session drains.
        var collector = telemetry.CollectAsync(stoppingToken);
        try
        {
            // Enrols first when it must; retried until it succeeds, while the node serves and buffers its telemetry.
            await enrolment.EnsureCredentialAsync(stoppingToken);
            await session.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping, perhaps while still enrolling.
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

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "No registry configured (Fleet:RegistryGrpcAddress / services:registry:grpc:0); serving without a fleet manager")]
    private partial void LogNoRegistry();

    [LoggerMessage(EventId = 314, Level = LogLevel.Error, Message = "Fleet agent start-up step failed: {Reason}; serving the repository model")]
    private partial void LogStartFailed(string reason);
}
