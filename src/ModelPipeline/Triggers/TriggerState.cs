namespace HybridInference.ModelPipeline.Triggers;

/// <summary>
/// What a model's trigger last did, kept in the store (<c>{prefix}:pipeline:trigger:{model}</c>) so that a
/// restarted watcher, or a second one, neither runs again for the same reason nor forgets a due run.
/// </summary>
/// <param name="Since">The last run's start (or when watching began): the schedule and the new-data count start here.</param>
/// <param name="Reason">Why the last run started (null: none yet).</param>
/// <param name="RunId">The pipeline run it started, once known.</param>
public sealed record TriggerState(DateTimeOffset Since, string? Reason = null, string? RunId = null);
