using System.Globalization;
using System.Text;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.Cli;

/// <summary>
/// Rollouts as plain-text tables: the state of one with its latest analysis's measured values (so the
/// operator sees why, not only what), and a list of several.
/// </summary>
public static class RolloutTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Format(Rollout rollout)
    {
        var text = new StringBuilder();
        text.AppendLine(C, $"rollout     {rollout.Id}");
        text.AppendLine(C, $"model       {rollout.Model} v{rollout.Stable} -> v{rollout.Candidate}");
        text.AppendLine(C, $"phase       {Phase(rollout.Phase)}");
        text.AppendLine(C, $"weight      {rollout.Weight} % (step {Math.Min(rollout.Step + 1, rollout.Spec.Steps.Count)} of {rollout.Spec.Steps.Count}: {string.Join(", ", rollout.Spec.Steps)} %)");
        text.AppendLine(C, $"canaries    {(rollout.CanaryDevices.Count == 0 ? "-" : string.Join(", ", rollout.CanaryDevices))}");
        text.AppendLine(C, $"failed      {rollout.FailedAnalyses} analyses (rolled back at {rollout.Spec.FailureLimit})");
        text.AppendLine(C, $"started     {rollout.StartedAt:u} by {rollout.StartedBy}");
        if (rollout.FinishedAt is { } finished)
        {
            text.AppendLine(C, $"finished    {finished:u}");
        }

        if (rollout.HeldBy is { } held)
        {
            text.AppendLine(C, $"held        {held}");
        }

        if (rollout.Events.Count > 0)
        {
            var last = rollout.Events[^1];
            text.AppendLine(C, $"last event  {last.At:u} {last.Kind}: {last.Message}");
        }

        text.AppendLine();
        if (rollout.Analyses.Count == 0)
        {
            text.AppendLine("no analysis yet");
            return text.ToString();
        }

        var latest = rollout.Analyses[^1];
        text.AppendLine(C, $"latest analysis {latest.At:u} at {latest.Weight} %: {Verdict(latest.Verdict)}");
        text.AppendLine(C, $"{"metric",-17}{"canary",10}{"control",10}{"degrad.",10}{"thresh.",9}{"n canary",10}{"n control",10}{"p",9}  verdict");
        foreach (var m in latest.Metrics)
        {
            text.AppendLine(C, $"{m.Name,-17}{Number(m.CanaryValue),10}{Number(m.ControlValue),10}{Number(m.Degradation),10}{Number(m.Threshold),9}{m.CanarySamples,10}{m.ControlSamples,10}{PValue(m.PValue),9}  {Verdict(m.Verdict)}");
        }

        return text.ToString();
    }

    public static string FormatList(IReadOnlyList<Rollout> rollouts)
    {
        var width = rollouts.Count == 0 ? 0 : Math.Max(7, rollouts.Max(r => r.Id.Length)) + 2;
        return TextTable.Format(
            rollouts,
            "no rollouts\n",
            string.Create(C, $"{"rollout".PadRight(width)}{"model",-16}{"versions",-10}{"phase",-13}{"weight",7}  {"last verdict",-14}started"),
            r => string.Create(C, $"{r.Id.PadRight(width)}{r.Model,-16}{$"v{r.Stable}->v{r.Candidate}",-10}{Phase(r.Phase),-13}{r.Weight,5} %  {LastVerdict(r),-14}{r.StartedAt:u}"));
    }

    private static string Number(double? value) =>
        value is { } v ? (double.IsFinite(v) ? v.ToString("0.###", C) : v.ToString(C)) : "-";

    private static string PValue(double? p) => p is < 0.0001 ? "<0.0001" : Number(p);

    private static string Phase(RolloutPhase phase) => phase == RolloutPhase.RolledBack ? "rolled-back" : phase.ToString().ToLowerInvariant();

    private static string LastVerdict(Rollout rollout) => rollout.Analyses.Count == 0 ? "-" : Verdict(rollout.Analyses[^1].Verdict);

    private static string Verdict(Verdict verdict) => verdict.ToString().ToLowerInvariant();
}
