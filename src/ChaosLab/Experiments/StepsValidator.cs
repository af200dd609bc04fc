using System.Globalization;
using System.Text.RegularExpressions;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Checks an experiment's <c>actions</c> and <c>expect</c> sections, each mistake keyed by its path
/// (<c>actions[0].resource</c>, <c>expect[1].after</c>) and naming the value it got.
/// </summary>
internal static partial class StepsValidator
{
    /// <summary>The longest an expectation may wait: longer would outlast any sensible run.</summary>
    public const double MaxWithinSeconds = 120;

    public static List<Experiment.ScheduledAction> CheckActions(
        IReadOnlyList<ExperimentFile.ActionSection>? actions, TimeSpan? traffic, ISet<string> stepIds, Action<string, string> error)
    {
        var checkedActions = new List<Experiment.ScheduledAction>();
        for (var i = 0; i < (actions?.Count ?? 0); i++)
        {
            var at = $"actions[{i}]";
            var action = actions![i];
            if (action is null)
            {
                error(at, $"{at} must be an object with id, offsetSeconds and kind");
                continue;
            }

            var fields = new FieldErrors(at, error);

            if (string.IsNullOrEmpty(action.Id) || !IdPattern().IsMatch(action.Id))
            {
                fields.Fail("id", $"{at}.id is required: 1-63 lower-case letters, digits or '-', the name the harness confirms it by (was '{action.Id}')");
            }
            else if (!stepIds.Add(action.Id))
            {
                fields.Fail("id", $"{at}.id '{action.Id}' is used by another fault or action of this experiment");
            }

            var offset = action.OffsetSeconds ?? 0;
            if (!double.IsFinite(offset) || offset < 0)
            {
                fields.Fail("offsetSeconds", $"{at}.offsetSeconds must be 0 or more (was {Num(offset)})");
            }
            else if (traffic is { } span && offset >= span.TotalSeconds)
            {
                fields.Fail("offsetSeconds", $"{at}.offsetSeconds must fall within the traffic's {Num(span.TotalSeconds)} s (was {Num(offset)}): its effect must be measured");
            }

            switch (action.Kind)
            {
                case ActionKinds.Kill or ActionKinds.Start:
                    if (string.IsNullOrEmpty(action.Resource) || !IdPattern().IsMatch(action.Resource))
                    {
                        fields.Fail("resource", $"{at}.resource is required for {action.Kind}: the resource's name, e.g. edge-2 (was '{action.Resource}')");
                    }

                    Refuse(action.Model is not null, "model", $"{at}.model does not apply to {action.Kind}");
                    Refuse(action.Version is not null, "version", $"{at}.version does not apply to {action.Kind}");
                    break;
                case ActionKinds.ModelUpdate:
                    if (string.IsNullOrEmpty(action.Model) || !IdPattern().IsMatch(action.Model))
                    {
                        fields.Fail("model", $"{at}.model is required for model-update: a registered model's name, e.g. fashion-edge (was '{action.Model}')");
                    }

                    if (action.Version is not ("latest" or { Length: > 0 }) || (action.Version != "latest" && !(int.TryParse(action.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)))
                    {
                        fields.Fail("version", $"{at}.version is required for model-update: a version number or 'latest' (was '{action.Version}')");
                    }

                    Refuse(action.Resource is not null, "resource", $"{at}.resource does not apply to model-update (it goes to every edge device)");
                    break;
                case ActionKinds.RolloutStart:
                    if (string.IsNullOrEmpty(action.Model) || !IdPattern().IsMatch(action.Model))
                    {
                        fields.Fail("model", $"{at}.model is required for rollout-start: the registered model rolled out, e.g. fashion-edge (was '{action.Model}')");
                    }

                    // The candidate is the harness's to make and register; the registry's canary hash picks the devices.
                    Refuse(action.Version is not null, "version", $"{at}.version does not apply to rollout-start (the harness registers the candidate and confirms with the rollout's id)");
                    Refuse(action.Resource is not null, "resource", $"{at}.resource does not apply to rollout-start (the rollout picks its canary devices)");
                    break;
                default:
                    fields.Fail("kind", $"{at}.kind must be one of {string.Join(", ", ActionKinds.All)} (was '{action.Kind}')");
                    break;
            }

            if (fields.Ok)
            {
                checkedActions.Add(new Experiment.ScheduledAction(action.Id!, TimeSpan.FromSeconds(offset), action.Kind!, action.Resource, action.Model, action.Version));
            }

            void Refuse(bool given, string field, string message)
            {
                if (given)
                {
                    fields.Fail(field, message);
                }
            }
        }

        return [.. checkedActions.OrderBy(a => a.Offset)];
    }

    /// <param name="rolloutStarts">the ids of the file's <c>rollout-start</c> actions: what a <c>rollout-rolls-back</c> may answer</param>
    public static List<Experiment.Expectation> CheckExpectations(
        IReadOnlyList<ExperimentFile.ExpectSection>? expect, IReadOnlySet<string> stepIds, IReadOnlySet<string> rolloutStarts, Action<string, string> error)
    {
        var expectations = new List<Experiment.Expectation>();
        for (var i = 0; i < (expect?.Count ?? 0); i++)
        {
            var at = $"expect[{i}]";
            var entry = expect![i];
            if (entry is null)
            {
                error(at, $"{at} must be an object with kind, after and withinSeconds");
                continue;
            }

            var fields = new FieldErrors(at, error);

            switch (entry.Kind)
            {
                case ExpectationKinds.BreakerOpens or ExpectationKinds.LeavesRotation:
                    if (string.IsNullOrEmpty(entry.Node) || !IdPattern().IsMatch(entry.Node))
                    {
                        fields.Fail("node", $"{at}.node is required for {entry.Kind}: an edge node's name (was '{entry.Node}')");
                    }

                    if (entry.Rule is not null)
                    {
                        fields.Fail("rule", $"{at}.rule does not apply to {entry.Kind}");
                    }

                    break;
                case ExpectationKinds.RuleFires:
                    if (string.IsNullOrEmpty(entry.Rule) || !IdPattern().IsMatch(entry.Rule))
                    {
                        fields.Fail("rule", $"{at}.rule is required for rule-fires: a routing rule's name, e.g. hot-gpu (was '{entry.Rule}')");
                    }

                    if (entry.Node is not null)
                    {
                        fields.Fail("node", $"{at}.node does not apply to rule-fires (the rule names no node; answers do not either when the cloud serves them)");
                    }

                    break;
                case ExpectationKinds.RolloutRollsBack:
                    // The rollout names its own canary devices; every other device is the control group.
                    if (entry.Node is not null)
                    {
                        fields.Fail("node", $"{at}.node does not apply to rollout-rolls-back (the rollout picks its canary devices)");
                    }

                    if (entry.Rule is not null)
                    {
                        fields.Fail("rule", $"{at}.rule does not apply to rollout-rolls-back");
                    }

                    if (!string.IsNullOrEmpty(entry.After) && stepIds.Contains(entry.After) && !rolloutStarts.Contains(entry.After))
                    {
                        fields.Fail("after", $"{at}.after '{entry.After}' must be a rollout-start action's id: only that action names a rollout (rollout-start actions: {(rolloutStarts.Count == 0 ? "none" : string.Join(", ", rolloutStarts.Order(StringComparer.Ordinal)))})");
                    }

                    break;
                default:
                    fields.Fail("kind", $"{at}.kind must be one of {string.Join(", ", ExpectationKinds.All)} (was '{entry.Kind}')");
                    break;
            }

            if (string.IsNullOrEmpty(entry.After))
            {
                fields.Fail("after", $"{at}.after is required: the id of the fault or action it answers");
            }
            else if (!stepIds.Contains(entry.After))
            {
                fields.Fail("after", $"{at}.after '{entry.After}' is no fault's or action's id in this experiment (known: {(stepIds.Count == 0 ? "none" : string.Join(", ", stepIds.Order(StringComparer.Ordinal)))})");
            }

            if (entry.WithinSeconds is not { } within || !double.IsFinite(within) || within <= 0 || within > MaxWithinSeconds)
            {
                fields.Fail("withinSeconds", $"{at}.withinSeconds is required, above 0 and at most {Num(MaxWithinSeconds)} (was {(entry.WithinSeconds is { } w ? Num(w) : "missing")})");
            }

            if (fields.Ok)
            {
                expectations.Add(new Experiment.Expectation(entry.Kind!, entry.Node, entry.Rule, entry.After!, TimeSpan.FromSeconds(entry.WithinSeconds!.Value)));
            }
        }

        return expectations;
    }

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();
}
