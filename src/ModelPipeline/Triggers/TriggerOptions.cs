using System.Globalization;

namespace HybridInference.ModelPipeline.Triggers;

/// <summary>When a watched pipeline starts a run by itself: on a schedule, when new labelled data has arrived, or both.</summary>
public sealed class TriggerOptions
{
    /// <summary>The model whose runs are triggered; one trigger state per model.</summary>
    public string Model { get; init; } = "fashion-edge";

    /// <summary>A run at least this often (null: no schedule).</summary>
    public TimeSpan? Schedule { get; init; }

    /// <summary>A run once this many labelled, escalated requests have reached the prediction log since the last run (null: not on data).</summary>
    public int? NewLabelledRecords { get; init; }

    /// <summary>How often the conditions are checked.</summary>
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Every bad field at once, each naming its option.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (Schedule is null && NewLabelledRecords is null)
        {
            errors.Add("a watched pipeline needs a trigger: --schedule-minutes and/or --new-labelled");
        }

        if (Schedule is { } schedule && !(schedule >= TimeSpan.FromMinutes(1) && schedule <= TimeSpan.FromDays(366)))
        {
            errors.Add($"--schedule-minutes must be between 1 and 527040 (was {schedule.TotalMinutes.ToString(CultureInfo.InvariantCulture)})");
        }

        if (NewLabelledRecords is < 1 or > 100_000_000)
        {
            errors.Add($"--new-labelled must be between 1 and 100000000 (was {NewLabelledRecords})");
        }

        if (!(CheckEvery >= TimeSpan.FromSeconds(1) && CheckEvery <= TimeSpan.FromHours(1)))
        {
            errors.Add($"--check-seconds must be between 1 and 3600 (was {CheckEvery.TotalSeconds.ToString(CultureInfo.InvariantCulture)})");
        }

        return errors;
    }
}
