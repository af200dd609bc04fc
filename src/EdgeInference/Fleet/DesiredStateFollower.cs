using System.Threading.Channels;
using HybridInference.Contracts.Fleet.Grpc;
using Polly;
using Polly.Registry;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Applies each desired state a session receives, in turn, and reports what it did. One that failed for a passing
/// reason (the artifact could not be fetched) is tried again through the <see cref="FleetPipelines.DesiredState"/>
/// pipeline until it is applied or a newer one arrives: the registry sends a state once, so without this a node
/// whose download failed while its stream stayed open stayed on its old version for good. A failure to report
/// ends the session.
/// </summary>
public sealed class DesiredStateFollower(DesiredStateApplier applier, RunningModel running, ResiliencePipelineProvider<string> pipelines)
{
    private readonly ResiliencePipeline<ApplyOutcome> _retry = pipelines.GetPipeline<ApplyOutcome>(FleetPipelines.DesiredState);

    /// <summary>Follows <paramref name="desiredStates"/> until it completes or the session ends; cancels the session if a report fails.</summary>
    public async Task FollowAsync(ChannelReader<DesiredState> desiredStates, Func<DeviceMessage, Task> send, CancellationTokenSource session)
    {
        ArgumentNullException.ThrowIfNull(desiredStates);
        ArgumentNullException.ThrowIfNull(session);
        var cancellationToken = session.Token;
        try
        {
            while (await desiredStates.WaitToReadAsync(cancellationToken))
            {
                if (desiredStates.TryRead(out var desired))
                {
                    await ApplyUntilDoneOrSupersededAsync(desired, desiredStates, send, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await session.CancelAsync();
            throw;
        }
    }

    private async Task ApplyUntilDoneOrSupersededAsync(DesiredState desired, ChannelReader<DesiredState> desiredStates, Func<DeviceMessage, Task> send, CancellationToken cancellationToken)
    {
        // A newer state (or the session's end) cancels the waits between tries. Each try runs on the session's
        // token, so a download under way finishes and is reported first, and the first try always runs.
        await using var supersession = new Supersession(desiredStates, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(supersession.Token);
        context.Properties.Set(FleetPipelines.DesiredKey, desired);
        try
        {
            await _retry.ExecuteAsync(
                static async (_, state) =>
                {
                    var outcome = await state.Follower.ApplyAndReportAsync(state.Desired, state.Send, state.CancellationToken);
                    state.Supersession.Watch();
                    return outcome;
                },
                context,
                (Follower: this, Desired: desired, Send: send, Supersession: supersession, CancellationToken: cancellationToken));
        }
        catch (OperationCanceledException) when (supersession.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Superseded while waiting to try again: the newer state is next.
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<ApplyOutcome> ApplyAndReportAsync(DesiredState desired, Func<DeviceMessage, Task> send, CancellationToken cancellationToken)
    {
        // Not gated on the generation: a registry whose store was reset counts from 1 again. Applying what the
        // node already serves costs one comparison of digests.
        var outcome = await applier.ApplyAsync(desired.ToRunningModel(), download: true, cancellationToken);
        var report = new StateReport { Generation = desired.Generation, Status = outcome.Status, Detail = outcome.Detail };
        if (running.Current is { } now)
        {
            report.Model = now.ToMessage();
        }

        await send(new DeviceMessage { Report = report });
        return outcome;
    }

    /// <summary>Cancels <see cref="Token"/> when a newer desired state is waiting, once <see cref="Watch"/> was called.</summary>
    private sealed class Supersession(ChannelReader<DesiredState> desiredStates, CancellationToken session) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _superseded = CancellationTokenSource.CreateLinkedTokenSource(session);
        private Task? _watch;

        public CancellationToken Token => _superseded.Token;

        public void Watch() => _watch ??= CancelWhenNewerAsync();

        public async ValueTask DisposeAsync()
        {
            await _superseded.CancelAsync();
            if (_watch is not null)
            {
                await _watch;
            }

            _superseded.Dispose();
        }

        private async Task CancelWhenNewerAsync()
        {
            try
            {
                await desiredStates.WaitToReadAsync(_superseded.Token);
            }
            catch (OperationCanceledException)
            {
                // Done with this state before a newer one came.
                return;
            }

            await _superseded.CancelAsync();
        }
    }
}
