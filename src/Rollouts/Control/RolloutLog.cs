using HybridInference.Rollouts.Analysis;
using Microsoft.Extensions.Logging;

namespace HybridInference.Rollouts.Control;

/// <summary>The rollout engine's log messages, written under the engine's category by each of its parts.</summary>
internal static partial class RolloutLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Rollout {Id} started: {Model} v{Stable} -> v{Candidate}, canary devices {Devices}")]
    public static partial void Started(this ILogger logger, string id, string model, int stable, int candidate, string devices);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Rollout {Id} at {Weight} %: analysis {Verdict}")]
    public static partial void Analysed(this ILogger logger, string id, int weight, Verdict verdict);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Rollout {Id} {Outcome}: {Why}")]
    public static partial void Finished(this ILogger logger, string id, string outcome, string why);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Rollout {Id}: the router's cloud weights could not be set: {Reason}")]
    public static partial void WeightsFailed(this ILogger logger, string id, string reason);
}
