using HybridInference.PredictionLog;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;
using Microsoft.Extensions.Logging;

namespace HybridInference.Rollouts.Control;

/// <summary>
/// A cloud model's canary: a share of its route's cloud calls, set as the router's per-version weights, judged on
/// the calls each version answered. The candidate gets its share only while the cloud serves it.
/// </summary>
public sealed class CloudTrafficCanaryTarget(TimeProvider time, ILogger<RolloutEngine> logger, ICloudTraffic? cloudTraffic = null) : ICanaryTarget
{
    public bool RollsOut(string model) => CloudModels.IsCloud(model);

    public bool Owns(Rollout rollout) => rollout.CloudRoute is not null;

    // The router forgets its weights when it restarts; a paused rollout keeps its step's split, so it is kept up.
    public bool KeepsPausedStep => true;

    private ICloudTraffic Cloud => cloudTraffic
        ?? throw RolloutException.Conflict("this registry cannot split cloud traffic: no router is configured (CloudTraffic:RouterAddress)");

    public async Task<CanaryPlan> PlanAsync(RolloutSpec spec, string model, int weight, CancellationToken cancellationToken)
    {
        // A cloud model has no devices: its canary is a share of the route's cloud calls, set in the router.
        var cloudSpec = CloudSpec(spec, model);
        var route = CloudModels.RouteOf(model);
        await Cloud.EnsureRouteAsync(route, model, cancellationToken);
        return new(cloudSpec, route, []);
    }

    public async Task<Rollout> BeginAsync(Rollout rollout, string actor, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyWeightsAsync(rollout, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The router is away: it calls the champion without weights, and the controller's ticks set them once it is back.
            logger.WeightsFailed(rollout.Id, ex.Message);
            return rollout;
        }
    }

    public async Task<CanarySync> SyncAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        // Every tick: a restarted router has lost its weights, and a restarted cloud may not serve the candidate yet.
        var synced = await ApplyWeightsAsync(rollout, cancellationToken);
        return new(synced, synced.CloudServing != rollout.CloudServing);
    }

    public (GroupSamples Canary, GroupSamples Control) Split(IReadOnlyList<PredictionRecord> records, Rollout rollout) =>
        SampleCollector.SplitCloud(records, rollout.Model, rollout.Candidate, rollout.Stable);

    // The new share is set by the sync that follows the step, once the rollout carries its weight.
    public Task<CanaryChange> StepAsync(Rollout rollout, int weight) =>
        Task.FromResult(new CanaryChange(rollout.CanaryDevices, $"of route {rollout.CloudRoute}'s cloud calls"));

    public async Task<CanaryChange> PromoteAsync(Rollout rollout, string actor) =>
        new([], "for all of route " + rollout.CloudRoute + "'s cloud calls" + await FinalWeightsAsync(rollout, rollout.Candidate));

    public async Task<string> RollBackAsync(Rollout rollout, string actor) =>
        $"route {rollout.CloudRoute}'s cloud calls back on v{rollout.Stable}, v{rollout.Candidate} at weight 0" + await FinalWeightsAsync(rollout, rollout.Stable);

    /// <summary>A cloud rollout's spec: the cloud checks by default; a check that cannot be split by version is refused.</summary>
    private static RolloutSpec CloudSpec(RolloutSpec spec, string model)
    {
        if (ReferenceEquals(spec.Metrics, MetricCheck.Defaults))
        {
            return spec with { Metrics = CloudModels.DefaultMetrics };
        }

        var refused = spec.Metrics.Where(m => CloudModels.Unsupported.ContainsKey(m.Name))
            .Select(m => $"metric '{m.Name}' cannot judge cloud model '{model}': {CloudModels.Unsupported[m.Name]}")
            .ToList();
        return refused.Count == 0 ? spec : throw RolloutException.BadRequest("invalid rollout spec: " + string.Join("; ", refused));
    }

    /// <summary>
    /// Sets the router's weights for the current step: the candidate gets its share only while the cloud serves
    /// it (calls for a version the cloud lacks would fail), the stable version the rest.
    /// </summary>
    private async Task<Rollout> ApplyWeightsAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var serving = await Cloud.ServesAsync(rollout.Model, rollout.Candidate, cancellationToken);
        if (serving && !rollout.CloudServing)
        {
            // Judge the step on traffic the candidate could answer: the window starts now.
            var now = time.GetUtcNow();
            rollout = rollout.With(new(now, "cloud-serving", $"the cloud serves v{rollout.Candidate}: {rollout.Weight} % of route {rollout.CloudRoute}'s cloud calls go to it", "controller", rollout.Weight))
                with { CloudServing = true, StepStartedAt = now, LastAnalysisAt = null };
        }
        else if (!serving && rollout.Events.All(e => e.Kind != "cloud-waiting"))
        {
            rollout = rollout.With(new(time.GetUtcNow(), "cloud-waiting", $"the cloud does not serve v{rollout.Candidate} yet (it loads the challenger alias); no traffic to it until it does", "controller", 0));
        }

        var share = serving ? rollout.Weight : 0;
        await Cloud.SetWeightsAsync(rollout.CloudRoute!, Weights(rollout, share), cancellationToken);
        return rollout;
    }

    /// <summary>The last weights of a finished cloud rollout: all to <paramref name="winner"/>, 0 to the other. A router that cannot be reached is said in the event; once back it starts without weights and calls the champion.</summary>
    private async Task<string> FinalWeightsAsync(Rollout rollout, int winner)
    {
        try
        {
            await Cloud.SetWeightsAsync(rollout.CloudRoute!, Weights(rollout, winner == rollout.Candidate ? 100 : 0), CancellationToken.None);
            return "";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or RolloutException)
        {
            logger.WeightsFailed(rollout.Id, ex.Message);
            return $" (the router's weights could not be set: {ex.Message})";
        }
    }

    private static Dictionary<int, int> Weights(Rollout rollout, int candidateShare) =>
        new() { [rollout.Stable] = 100 - candidateShare, [rollout.Candidate] = candidateShare };
}
