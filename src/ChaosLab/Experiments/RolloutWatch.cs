using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HybridInference.Clients;
using HybridInference.Clients.Rollouts;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Follows the rollout a <c>rollout-start</c> action began: reads the registry's <c>GET /api/rollouts/{id}</c> every
/// <see cref="Period"/> until the rollout finishes or the run's traffic ends, and turns each change of phase or weight
/// into a <see cref="RolloutChange"/>. It keeps every device that was a canary at any read: after a rollback the
/// rollout may list them no more, yet their answers with the candidate were canary answers. It reads through a
/// <see cref="RolloutsClient"/> over <paramref name="registry"/>, the registry client ChaosLab registers with the
/// rollouts pipeline.
/// </summary>
public sealed partial class RolloutWatch(HttpClient registry, string rolloutId, Func<double> nowMs, Func<DateTimeOffset, double> msAt, Action<RolloutChange> onChange)
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    private readonly RolloutsClient _registry = new(registry);
    private readonly HashSet<string> _canaries = new(StringComparer.Ordinal);
    private readonly List<RolloutChange> _changes = [];
    private (string Phase, int Weight)? _last;
    private string? _model;
    private int? _candidate;
    private bool _seen;

    /// <summary>
    /// Whether a harness's detail is a rollout id in the registry's form (<c>{model}-{yyyyMMddHHmmss}-{6 hex}</c>): a
    /// free-text detail such as "started" would be followed as a rollout that never answers, and the run would fail late.
    /// </summary>
    public static bool IsRolloutId(string? detail) => detail is not null && IdPattern().IsMatch(detail);

    public RolloutTrace Trace()
    {
        lock (_changes)
        {
            return new RolloutTrace(rolloutId, _seen, _model, _candidate, _canaries.ToHashSet(StringComparer.Ordinal), [.. _changes]);
        }
    }

    public async Task RunAsync(TimeProvider time, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (await ReadOnceAsync(stop))
            {
                return;
            }

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

    /// <summary>One read; true once the rollout has finished. A failed read is skipped (the registry may be under fault).</summary>
    public async Task<bool> ReadOnceAsync(CancellationToken cancellationToken)
    {
        Rollout rollout;
        try
        {
            rollout = await _registry.GetAsync(rolloutId, cancellationToken);
        }
        catch (Exception ex) when (ex is ApiException or OperationCanceledException)
        {
            return false;
        }

        // The phase in the API's own words (rolled-back), as the experiment's log and report have always shown it.
        var phase = JsonNamingPolicy.KebabCaseLower.ConvertName(rollout.Phase.ToString());
        var weight = rollout.Weight;
        string[] canaries = [.. rollout.CanaryDevices];
        var finished = rollout.IsFinished;
        lock (_changes)
        {
            _seen = true;
            _model ??= rollout.Model;
            _candidate ??= rollout.Candidate;
            _canaries.UnionWith(canaries);
            if (_last != (phase, weight))
            {
                var at = finished && rollout.FinishedAt is { } finishedAt ? msAt(finishedAt) : Math.Round(nowMs(), 1);
                var change = new RolloutChange(at, rolloutId, phase, weight, canaries, Describe(rollout, phase, weight, canaries));
                _changes.Add(change);
                _last = (phase, weight);
                onChange(change);
            }
        }

        return finished;
    }

    /// <summary>The phase and weight, and the registry's latest event in words (why it stepped or rolled back).</summary>
    private static string Describe(Rollout rollout, string phase, int weight, string[] canaries)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{phase} at {weight} % (canary {(canaries.Length == 0 ? "none" : string.Join(", ", canaries))})");
        if (rollout.Events is [.., { Message: { Length: > 0 } last }])
        {
            text += ": " + (last.Length <= 300 ? last : last[..300] + "...");
        }

        return text;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}-[0-9]{14}-[0-9a-f]{6}$")]
    private static partial Regex IdPattern();
}
