using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Follows the rollout a <c>rollout-start</c> action began: reads the registry's <c>GET /api/rollouts/{id}</c> every
/// <see cref="Period"/> until the rollout finishes or the run's traffic ends, and turns each change of phase or weight
/// into a <see cref="RolloutChange"/>. It keeps every device that was a canary at any read: after a rollback the
/// rollout may list them no more, yet their answers with the candidate were canary answers.
/// </summary>
public sealed partial class RolloutWatch(HttpClient registry, string rolloutId, Func<double> nowMs, Func<DateTimeOffset, double> msAt, Action<RolloutChange> onChange)
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

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
        JsonElement rollout;
        try
        {
            using var response = await registry.GetAsync($"/api/rollouts/{Uri.EscapeDataString(rolloutId)}", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            rollout = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException)
        {
            return false;
        }

        if (rollout.ValueKind != JsonValueKind.Object || !rollout.TryGetProperty("phase", out var phaseValue) || phaseValue.GetString() is not { } phase)
        {
            return false;
        }

        var weight = rollout.TryGetProperty("weight", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetInt32() : 0;
        string[] canaries = rollout.TryGetProperty("canaryDevices", out var c) && c.ValueKind == JsonValueKind.Array
            ? [.. c.EnumerateArray().Select(d => d.GetString()).OfType<string>()]
            : [];
        var finished = phase is "promoted" or "rolled-back";
        lock (_changes)
        {
            _seen = true;
            _model ??= rollout.TryGetProperty("model", out var m) ? m.GetString() : null;
            _candidate ??= rollout.TryGetProperty("candidate", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
            _canaries.UnionWith(canaries);
            if (_last != (phase, weight))
            {
                var at = finished && rollout.TryGetProperty("finishedAt", out var f) && f.ValueKind == JsonValueKind.String ? msAt(f.GetDateTimeOffset()) : Math.Round(nowMs(), 1);
                var change = new RolloutChange(at, rolloutId, phase, weight, canaries, Describe(rollout, phase, weight, canaries));
                _changes.Add(change);
                _last = (phase, weight);
                onChange(change);
            }
        }

        return finished;
    }

    /// <summary>The phase and weight, and the registry's latest event in words (why it stepped or rolled back).</summary>
    private static string Describe(JsonElement rollout, string phase, int weight, string[] canaries)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{phase} at {weight} % (canary {(canaries.Length == 0 ? "none" : string.Join(", ", canaries))})");
        if (rollout.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array && events.GetArrayLength() > 0
            && events[events.GetArrayLength() - 1].TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } last)
        {
            text += ": " + (last.Length <= 300 ? last : last[..300] + "...");
        }

        return text;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}-[0-9]{14}-[0-9a-f]{6}$")]
    private static partial Regex IdPattern();
}
