using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using HybridInference.Faults.Model;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Reads an experiment file and checks it, answering every mistake at once keyed by its path in the file
/// (<c>traffic.requestsPerSecond</c>, <c>faults[0].fault.latencyMs</c>), each message naming the value it got.
/// </summary>
public static partial class ExperimentValidator
{
    public const int MaxRequestsPerSecond = 500;
    public const int MaxConcurrency = 64;
    public const double MaxDurationSeconds = 600;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses and validates <paramref name="json"/>; <paramref name="expectedName"/> is the file's name, which the experiment's must equal.</summary>
    public static bool TryRead(string json, string? expectedName, out Experiment? experiment, out Dictionary<string, string[]> errors)
    {
        ExperimentFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ExperimentFile>(json, Json);
        }
        catch (JsonException ex)
        {
            experiment = null;
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "file";
            errors = new Dictionary<string, string[]> { [field] = [$"the file is not a valid experiment: {ex.Message}"] };
            return false;
        }

        if (file is null)
        {
            experiment = null;
            errors = new Dictionary<string, string[]> { ["file"] = ["the file must hold a JSON experiment object, not null"] };
            return false;
        }

        return TryValidate(file, expectedName, out experiment, out errors);
    }

    public static bool TryValidate(ExperimentFile file, string? expectedName, out Experiment? experiment, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, List<string>>();
        void Error(string field, string message)
        {
            if (!found.TryGetValue(field, out var list))
            {
                found[field] = list = [];
            }

            list.Add(message);
        }

        if (string.IsNullOrEmpty(file.Name))
        {
            Error("name", "name is required: lower-case letters, digits and '-'");
        }
        else if (!NamePattern().IsMatch(file.Name))
        {
            Error("name", $"name must be 1-63 lower-case letters, digits or '-' (was '{file.Name}')");
        }
        else if (expectedName is not null && file.Name != expectedName)
        {
            Error("name", $"name must equal the file's name '{expectedName}' (was '{file.Name}')");
        }

        var traffic = CheckTraffic(file.Traffic, Error);
        var checks = CheckSteadyState(file.SteadyState, Error);
        var faults = CheckFaults(file.Faults, traffic?.Duration, Error);
        var safety = CheckSafety(file.Safety, Error);
        var steps = new HashSet<string>(faults.Select(f => f.Fault.Id).OfType<string>(), StringComparer.Ordinal);
        var actions = StepsValidator.CheckActions(file.Actions, traffic?.Duration, steps, Error);
        var rolloutStarts = (file.Actions ?? []).Where(a => a?.Kind == ActionKinds.RolloutStart && a.Id is not null).Select(a => a!.Id!).ToHashSet(StringComparer.Ordinal);
        var expectations = StepsValidator.CheckExpectations(file.Expect, steps, rolloutStarts, Error);

        errors = found.ToDictionary(e => e.Key, e => e.Value.ToArray());
        experiment = errors.Count == 0
            ? new Experiment(file.Name!, file.Description ?? "", traffic!, checks!, faults, safety!) { Actions = actions, Expectations = expectations }
            : null;
        return experiment is not null;
    }

    private static Experiment.TrafficPlan? CheckTraffic(ExperimentFile.TrafficSection? traffic, Action<string, string> error)
    {
        if (traffic is null)
        {
            error("traffic", "traffic is required: requestsPerSecond and durationSeconds at least");
            return null;
        }

        var fields = new FieldErrors("traffic", error);

        if (traffic.RequestsPerSecond is not { } rate)
        {
            fields.Fail("requestsPerSecond", "traffic.requestsPerSecond is required");
        }
        else if (!double.IsFinite(rate) || rate <= 0 || rate > MaxRequestsPerSecond)
        {
            fields.Fail("requestsPerSecond", $"traffic.requestsPerSecond must be above 0 and at most {MaxRequestsPerSecond} (was {rate})");
        }

        if (traffic.DurationSeconds is not { } seconds)
        {
            fields.Fail("durationSeconds", "traffic.durationSeconds is required");
        }
        else if (!double.IsFinite(seconds) || seconds < 1 || seconds > MaxDurationSeconds)
        {
            fields.Fail("durationSeconds", $"traffic.durationSeconds must be between 1 and {MaxDurationSeconds} (was {seconds})");
        }

        var concurrency = traffic.Concurrency ?? 4;
        if (concurrency is < 1 or > MaxConcurrency)
        {
            fields.Fail("concurrency", $"traffic.concurrency must be between 1 and {MaxConcurrency} (was {concurrency})");
        }

        var first = traffic.FirstImage ?? 0;
        if (first is < 0 or >= 10_000)
        {
            fields.Fail("firstImage", $"traffic.firstImage must be an index of the 10,000 test images, 0-9999 (was {first})");
        }

        var timeout = traffic.TimeoutMs ?? 10_000;
        if (timeout is < 100 or > 60_000)
        {
            fields.Fail("timeoutMs", $"traffic.timeoutMs must be between 100 and 60000 (was {timeout})");
        }

        return fields.Ok
            ? new Experiment.TrafficPlan(traffic.RequestsPerSecond!.Value, concurrency, TimeSpan.FromSeconds(traffic.DurationSeconds!.Value), first,
                TimeSpan.FromMilliseconds(timeout), traffic.Priority ?? false)
            : null;
    }

    private static Experiment.SteadyState? CheckSteadyState(ExperimentFile.SteadyStateSection? state, Action<string, string> error)
    {
        if (state is null)
        {
            error("steadyState", "steadyState is required: at least one of maxUnanswered, p99Ms, allRecorded, accuracy");
            return null;
        }

        var fields = new FieldErrors("steadyState", error);

        if (state.MaxUnanswered is < 0)
        {
            fields.Fail("maxUnanswered", $"steadyState.maxUnanswered must be 0 or more (was {state.MaxUnanswered})");
        }

        if (state.P99Ms is { } p99 && (!double.IsFinite(p99) || p99 <= 0))
        {
            fields.Fail("p99Ms", $"steadyState.p99Ms must be above 0 (was {p99})");
        }

        var wait = state.RecordsWaitSeconds ?? 30;
        if (!double.IsFinite(wait) || wait < 0 || wait > 120)
        {
            fields.Fail("recordsWaitSeconds", $"steadyState.recordsWaitSeconds must be between 0 and 120 (was {wait})");
        }

        Experiment.AccuracyCheck? accuracy = null;
        if (state.Accuracy is { } a)
        {
            if (a.Baseline is not { } baseline || !double.IsFinite(baseline) || baseline < 0 || baseline > 1)
            {
                fields.Fail("accuracy.baseline", $"steadyState.accuracy.baseline is required, a share in [0,1] (was {a.Baseline?.ToString() ?? "missing"})");
            }

            if (a.MaxDropPoints is not { } drop || !double.IsFinite(drop) || drop < 0 || drop > 100)
            {
                fields.Fail("accuracy.maxDropPoints", $"steadyState.accuracy.maxDropPoints is required, percentage points in [0,100] (was {a.MaxDropPoints?.ToString() ?? "missing"})");
            }

            if (fields.Ok)
            {
                accuracy = new Experiment.AccuracyCheck(a.Baseline!.Value, a.MaxDropPoints!.Value);
            }
        }

        if (state.MaxUnanswered is null && state.P99Ms is null && state.AllRecorded is not true && state.Accuracy is null)
        {
            fields.Fail("", "steadyState needs at least one check: maxUnanswered, p99Ms, allRecorded or accuracy");
        }

        return fields.Ok ? new Experiment.SteadyState(state.MaxUnanswered, state.P99Ms, state.AllRecorded ?? false, TimeSpan.FromSeconds(wait), accuracy) : null;
    }

    private static List<Experiment.ScheduledFault> CheckFaults(IReadOnlyList<ExperimentFile.ScheduleSection>? schedule, TimeSpan? traffic, Action<string, string> error)
    {
        var faults = new List<Experiment.ScheduledFault>();
        var ids = new HashSet<string>();
        for (var i = 0; i < (schedule?.Count ?? 0); i++)
        {
            var at = $"faults[{i}]";
            var entry = schedule![i];
            if (entry is null)
            {
                error(at, $"{at} must be an object with offsetSeconds, durationSeconds and fault");
                continue;
            }

            var fields = new FieldErrors(at, error);

            var offset = entry.OffsetSeconds ?? 0;
            if (!double.IsFinite(offset) || offset < 0)
            {
                fields.Fail("offsetSeconds", $"{at}.offsetSeconds must be 0 or more (was {offset})");
            }

            if (entry.DurationSeconds is not { } duration)
            {
                fields.Fail("durationSeconds", $"{at}.durationSeconds is required: every fault must end by itself");
                duration = double.NaN;
            }
            else if (!double.IsFinite(duration) || duration < FaultLimits.MinDuration.TotalSeconds || duration > FaultLimits.MaxDuration.TotalSeconds)
            {
                fields.Fail("durationSeconds", $"{at}.durationSeconds must be between {FaultLimits.MinDuration.TotalSeconds} and {FaultLimits.MaxDuration.TotalSeconds} (was {duration})");
            }
            else if (traffic is { } span && offset + duration > span.TotalSeconds)
            {
                // The run must see the fault end (and expire by itself) while traffic still flows.
                fields.Fail("durationSeconds", $"{at} ends at {offset + duration} s, after the traffic's {span.TotalSeconds} s: a fault must end while the experiment still measures");
            }

            if (entry.Fault is not { } fault)
            {
                fields.Fail("fault", $"{at}.fault is required: the body of POST /api/faults without its end");
                continue;
            }

            foreach (var (name, given) in new[] { ("durationSeconds", fault.DurationSeconds is not null), ("expiresAt", fault.ExpiresAt is not null), ("startsAt", fault.StartsAt is not null) })
            {
                if (given)
                {
                    fields.Fail($"fault.{name}", $"{at}.fault.{name} is set by the schedule ({at}.offsetSeconds and {at}.durationSeconds); remove it");
                }
            }

            if (fault.Id is { } id && !ids.Add(id))
            {
                fields.Fail("fault.id", $"{at}.fault.id '{id}' is used by another fault of this experiment");
            }

            // The fault library's own validator judges the fault, with the schedule's duration standing in for its end.
            var probe = fault with { DurationSeconds = double.IsFinite(duration) ? Math.Clamp(duration, 1, 3600) : 1, ExpiresAt = null, StartsAt = null };
            if (!FaultValidator.TryCreate(probe, DateTimeOffset.UnixEpoch, () => "probe", out _, out var faultErrors))
            {
                foreach (var (field, messages) in faultErrors)
                {
                    foreach (var message in messages)
                    {
                        fields.Fail($"fault.{field}", message);
                    }
                }
            }

            if (fields.Ok)
            {
                faults.Add(new Experiment.ScheduledFault(TimeSpan.FromSeconds(offset), TimeSpan.FromSeconds(duration), fault));
            }
        }

        return faults;
    }

    private static Experiment.SafetyLimit? CheckSafety(ExperimentFile.SafetySection? safety, Action<string, string> error)
    {
        if (safety is null)
        {
            error("safety", "safety is required: maxErrorRate, the error rate that stops the experiment and clears its faults");
            return null;
        }

        var fields = new FieldErrors("safety", error);

        if (safety.MaxErrorRate is not { } rate)
        {
            fields.Fail("maxErrorRate", "safety.maxErrorRate is required: a share in [0,1]");
        }
        else if (!double.IsFinite(rate) || rate < 0 || rate > 1)
        {
            fields.Fail("maxErrorRate", $"safety.maxErrorRate must be in [0,1] (was {rate})");
        }

        var min = safety.MinRequests ?? 20;
        if (min < 1)
        {
            fields.Fail("minRequests", $"safety.minRequests must be 1 or more (was {min})");
        }

        var window = safety.WindowSeconds ?? 5;
        if (!double.IsFinite(window) || window < 0.5 || window > 60)
        {
            fields.Fail("windowSeconds", $"safety.windowSeconds must be between 0.5 and 60 (was {window})");
        }

        return fields.Ok ? new Experiment.SafetyLimit(safety.MaxErrorRate!.Value, min, TimeSpan.FromSeconds(window)) : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
