using System.Globalization;
using System.Text.RegularExpressions;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.Rollouts.Spec;

/// <summary>Every problem of a <see cref="RolloutSpec"/> at once, each naming the field, as the API returns them.</summary>
public static partial class RolloutSpecValidator
{
    public static IReadOnlyList<string> Validate(RolloutSpec spec)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Model))
        {
            errors.Add("'model' is required: the name of a registered model, e.g. fashion-edge");
        }
        else if (!Name().IsMatch(spec.Model))
        {
            errors.Add($"'model' must be 1-64 characters of a-z, 0-9, '.', '_' or '-' starting with a letter or digit (was '{Shorten(spec.Model)}')");
        }

        if ((spec.CandidateVersion is null) == string.IsNullOrWhiteSpace(spec.CandidateAlias))
        {
            errors.Add("give exactly one of 'candidateVersion' and 'candidateAlias'");
        }
        else if (spec.CandidateVersion is < 1)
        {
            errors.Add($"'candidateVersion' must be at least 1 (was {spec.CandidateVersion})");
        }
        else if (spec.CandidateAlias is { } alias && !Name().IsMatch(alias))
        {
            errors.Add($"'candidateAlias' is not a valid alias name (was '{Shorten(alias)}')");
        }

        if (spec.StableVersion is < 1)
        {
            errors.Add($"'stableVersion' must be at least 1 (was {spec.StableVersion})");
        }
        else if (spec.StableVersion is { } stable && stable == spec.CandidateVersion)
        {
            errors.Add($"'stableVersion' and 'candidateVersion' are both {stable}: nothing to roll out");
        }

        ValidateSteps(spec.Steps, errors);
        Range(errors, "intervalSeconds", spec.IntervalSeconds, 1, 86_400);
        Range(errors, "successesPerStep", spec.SuccessesPerStep, 1, 100);
        Range(errors, "failureLimit", spec.FailureLimit, 1, 100);
        Range(errors, "inconclusiveLimit", spec.InconclusiveLimit, 0, 1000);
        Range(errors, "minSamples", spec.MinSamples, 1, 1_000_000);
        if (!(spec.Alpha > 0 && spec.Alpha <= 0.5))
        {
            errors.Add($"'alpha' must be in (0, 0.5] (was {spec.Alpha.ToString(CultureInfo.InvariantCulture)})");
        }

        ValidateMetrics(spec.Metrics, errors);
        ValidateWebhooks(spec.Webhooks, errors);
        return errors;
    }

    private static void ValidateSteps(IReadOnlyList<int>? steps, List<string> errors)
    {
        if (steps is null || steps.Count == 0)
        {
            errors.Add("'steps' must list at least one weight, ending at 100, e.g. [5, 25, 50, 100]");
            return;
        }

        if (steps.Count > 20)
        {
            errors.Add($"'steps' may hold at most 20 weights (was {steps.Count})");
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is < 1 or > 100)
            {
                errors.Add($"'steps[{i}]' must be a weight between 1 and 100 percent (was {steps[i]})");
            }
            else if (i > 0 && steps[i] <= steps[i - 1])
            {
                errors.Add($"'steps' must increase: steps[{i}] = {steps[i]} is not above steps[{i - 1}] = {steps[i - 1]}");
            }
        }

        if (steps[^1] != 100)
        {
            errors.Add($"the last step must be 100 (the promotion), was {steps[^1]}");
        }
    }

    private static void ValidateMetrics(IReadOnlyList<MetricCheck>? metrics, List<string> errors)
    {
        if (metrics is null || metrics.Count == 0)
        {
            errors.Add("'metrics' must hold at least one check: a rollout judged on nothing would always pass");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i];
            if (metric?.Name is not { } name || !MetricNames.All.Contains(name))
            {
                errors.Add($"'metrics[{i}].name' must be one of {string.Join(", ", MetricNames.All)} (was '{Shorten(metric?.Name)}')");
                continue;
            }

            if (!seen.Add(name))
            {
                errors.Add($"'metrics[{i}]': {name} is listed twice");
            }

            if (metric.Threshold is not { } threshold)
            {
                errors.Add($"'metrics[{i}].threshold' is required for {name}: {Unit(name)}");
            }
            else if (!double.IsFinite(threshold) || threshold < (name == MetricNames.LatencyP95 ? 1 : 0) || threshold > (name == MetricNames.LatencyP95 ? 100 : 100))
            {
                errors.Add($"'metrics[{i}].threshold' for {name} is out of range (was {threshold.ToString(CultureInfo.InvariantCulture)}): {Unit(name)}");
            }
        }
    }

    private static void ValidateWebhooks(IReadOnlyList<WebhookSpec>? webhooks, List<string> errors)
    {
        if (webhooks is null)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < webhooks.Count; i++)
        {
            var hook = webhooks[i];
            if (string.IsNullOrWhiteSpace(hook?.Name))
            {
                errors.Add($"'webhooks[{i}].name' is required");
            }
            else if (!names.Add(hook.Name))
            {
                errors.Add($"'webhooks[{i}].name' '{Shorten(hook.Name)}' is used twice");
            }

            if (hook?.Type is not { } type || !WebhookTypes.All.Contains(type))
            {
                errors.Add($"'webhooks[{i}].type' must be one of {string.Join(", ", WebhookTypes.All)} (was '{Shorten(hook?.Type)}')");
            }

            if (!Uri.TryCreate(hook?.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"'webhooks[{i}].url' must be an absolute http or https URL (was '{Shorten(hook?.Url)}')");
            }
        }
    }

    private static string Unit(string metric) => metric switch
    {
        MetricNames.LatencyP95 => "the largest tolerated ratio canary p95 / control p95, 1 to 100",
        MetricNames.MeanConfidence => "the largest tolerated drop in percentage points, 0 to 100",
        MetricNames.Accuracy => "the largest tolerated drop in percentage points, 0 to 100",
        _ => "the largest tolerated rise in percentage points, 0 to 100",
    };

    private static void Range(List<string> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"'{field}' must be between {min} and {max} (was {value})");
        }
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..64] + "...";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Name();
}
