using System.Globalization;
using HybridInference.Clients;
using HybridInference.Clients.RouterAdmin;
using HybridInference.Contracts.RouterAdmin;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Reads the router's <c>GET /admin/edges</c> every <see cref="Period"/> while a run goes and turns each change of a
/// node (in or out of rotation, breaker state, times its breaker opened) into a <see cref="RouterEvent"/>. Polling
/// bounds how precisely a change is timed: a change is seen at most one period (plus the call) after it happened.
/// </summary>
public sealed class RouterWatch(RouterAdminClient router, Func<double> nowMs, Action<RouterEvent> onEvent)
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<string, NodeState> _last = new(StringComparer.Ordinal);

    /// <summary>Whether any read of <c>/admin/edges</c> succeeded: a router that never answered shows nothing, which is not "nothing happened".</summary>
    public bool Seen { get; private set; }

    public async Task RunAsync(TimeProvider time, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await ReadOnceAsync(stop);
            try
            {
                await Task.Delay(Period, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One read; a failed one is skipped (the router may be the thing under fault).</summary>
    public async Task ReadOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<EdgeView> nodes;
        try
        {
            nodes = await router.GetEdgesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is ApiException or OperationCanceledException)
        {
            return;
        }

        var at = Math.Round(nowMs(), 1);
        foreach (var node in nodes)
        {
            // A node the router could not describe (no name or breaker) is not a change worth a line.
            if (node is not { Node: { } name, Breaker: { } breaker })
            {
                continue;
            }

            var state = new NodeState(node.InRotation, breaker.State ?? "closed", breaker.Opened, breaker.LastReason);
            Compare(at, name, _last.GetValueOrDefault(name), state);
            _last[name] = state;
        }

        Seen = true;
    }

    private void Compare(double at, string node, NodeState? before, NodeState now)
    {
        if (before is null)
        {
            // The first read is the baseline: only a node already cut off is worth a line.
            if (!now.InRotation)
            {
                onEvent(new RouterEvent(at, node, "out-of-rotation", "already at the run's start"));
            }

            return;
        }

        if (before.InRotation != now.InRotation)
        {
            onEvent(new RouterEvent(at, node, now.InRotation ? "in-rotation" : "out-of-rotation", now.InRotation ? "back in the router's rotation" : "taken out of the router's rotation"));
        }

        // Counting openings catches a breaker that opened and closed again between two reads.
        if (now.Opened > before.Opened || (before.Breaker != now.Breaker && now.Breaker == "open"))
        {
            onEvent(new RouterEvent(at, node, "breaker-open", string.Create(CultureInfo.InvariantCulture, $"opened ({now.Opened} time(s) in all); last failure: {now.LastReason}")));
        }
        else if (before.Breaker != now.Breaker)
        {
            onEvent(new RouterEvent(at, node, "breaker-" + now.Breaker, $"breaker {now.Breaker}"));
        }
    }

    private sealed record NodeState(bool InRotation, string Breaker, long Opened, string? LastReason);
}
