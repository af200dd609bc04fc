using System.Globalization;

namespace HybridInference.ModelPipeline.Triggers;

/// <summary>The trigger conditions, as a pure function of the state, the time and the new data counted.</summary>
public static class TriggerRules
{
    public static TriggerDecision Decide(TriggerOptions options, TriggerState state, DateTimeOffset now, long newLabelled)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        var since = state.Since.ToString("u", CultureInfo.InvariantCulture);
        if (options.NewLabelledRecords is { } needed && newLabelled >= needed)
        {
            return new(true, $"new data: {newLabelled} labelled escalated requests since {since} (trigger at {needed})");
        }

        if (options.Schedule is { } every && now >= state.Since + every)
        {
            return new(true, $"schedule: every {every.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min, last run at {since}");
        }

        var waiting = new List<string>();
        if (options.NewLabelledRecords is { } n)
        {
            waiting.Add($"{newLabelled} of {n} labelled escalated requests");
        }

        if (options.Schedule is { } interval)
        {
            waiting.Add($"next scheduled run at {(state.Since + interval).ToString("u", CultureInfo.InvariantCulture)}");
        }

        return new(false, string.Join("; ", waiting));
    }
}
