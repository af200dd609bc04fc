using System.Diagnostics;
using HybridInference.Contracts.Oip;
using HybridInference.Router.CloudVersions;
using HybridInference.Router.Edges;
using HybridInference.Router.Fleet;
using HybridInference.Router.Links;
using HybridInference.Router.Routing;
using HybridInference.Router.Tiers;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Hedging;

namespace HybridInference.Router.Inference;

/// <summary>
/// The hybrid answer to one request: plan with the routing policy, ask an edge node (failing over to
/// other nodes), judge each row's confidence, send the unsure rows to the cloud as one batch, and fall
/// back when a tier fails. Every outcome is an answer or a <see cref="NoTierAvailableException"/>;
/// nothing is dropped.
/// </summary>
public sealed partial class HybridInferenceService(
    IRoutingPolicy policy,
    EdgeSelector edges,
    IHttpClientFactory clients,
    IOptions<CloudOptions> cloudOptions,
    IOptions<EdgeNodesOptions> edgeOptions,
    FleetView fleet,
    CloudLink link,
    CloudVersionWeights cloudVersions,
    ILogger<HybridInferenceService> logger)
{
    public const string EdgeClientName = "edge";
    public const string CloudClientName = "cloud";
    private const int MaxEdgeAttempts = 3;

    private readonly Uri _cloudAddress = new(cloudOptions.Value.Address);
    private readonly ResiliencePipeline<TierAnswer> _edgeHedging = BuildEdgeHedging(edgeOptions.Value);

    public async Task<HybridAnswer> InferAsync(HybridRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var node = edges.Pick(request.Site, [], allowOtherSites: !request.Private);
        // The budget is per site the router knows (its nodes report them): a site name a client invents is charged to
        // the node that answers, so new names cannot grow the escalation budget.
        var site = request.Site is { } asked && edges.IsKnownSite(asked) ? asked : node?.Site ?? "unknown";
        var plan = policy.Plan(new RouteRequest(
            request.Model, site, request.Priority, request.Private, node?.Health(link.IsDown), node is null ? null : fleet.RulesFor(node.DeviceId)));

        if (plan.Target == RouteTarget.Cloud)
        {
            try
            {
                var cloud = await AskCloudAsync(plan, request.Body, cancellationToken, request.Json);
                return AllFrom(request, cloud, AnswerTierLabels.Cloud, plan.Reason?.Label, null, null, site, started);
            }
            catch (TierUnavailableException ex)
            {
                LogCloudDown(request.RequestId, ex.Message);
                plan = policy.OnCloudUnavailable(plan)
                    ?? throw new NoTierAvailableException($"the cloud is unavailable ({ex.Message}) and no edge answer may be used");
            }
        }

        var (edge, edgeNode, failures) = await AskEdgeAsync(request, plan, node, cancellationToken);
        if (edge is null)
        {
            var fallback = policy.OnEdgeUnavailable(plan)
                ?? throw new NoTierAvailableException(request.Private
                    ? $"no edge node of site '{site}' answered ({failures}) and the request is private, so it may not go to the cloud"
                    : $"no edge node answered ({failures}) and the cloud may not be asked");
            try
            {
                var cloud = await AskCloudAsync(fallback, request.Body, cancellationToken, request.Json);

                // The node first asked is named: the prediction log then shows which device failed its requests,
                // which is how a rollout sees a canary that errors (its answers come from elsewhere).
                return AllFrom(request, cloud, AnswerTierLabels.Cloud, (fallback.Reason ?? EscalationReason.Fallback).Label, null, node?.Name, site, started);
            }
            catch (TierUnavailableException ex)
            {
                throw new NoTierAvailableException($"no edge node answered ({failures}) and the cloud is unavailable ({ex.Message})");
            }
        }

        // A site cut off from the cloud is judged row by row: unsure rows are marked degraded, sure ones not.
        if ((plan.Target == RouteTarget.EdgeOnly && !plan.CloudCutOff) || plan.Degraded)
        {
            var tier = plan.Degraded || plan.EscalationLimited ? AnswerTierLabels.EdgeDegraded : AnswerTierLabels.Edge;
            return AllFrom(request, edge, tier, plan.Reason?.Label ?? (plan.EdgeOnlyRule is { } rule ? "rule:" + rule : null), edge, edgeNode, site, started);
        }

        var verdicts = Enumerable.Range(0, edge.Rows).Select(row => policy.Judge(plan, edge.Top(row).Confidence)).ToArray();
        var escalated = Enumerable.Range(0, edge.Rows).Where(row => verdicts[row].Escalate).ToList();
        TierAnswer? cloudAnswer = null;
        if (escalated.Count > 0)
        {
            try
            {
                cloudAnswer = await AskCloudAsync(plan, RequestSlicer.Rows(request.Body, request.Rows, escalated), cancellationToken);
            }
            catch (TierUnavailableException ex)
            {
                LogCloudDown(request.RequestId, ex.Message);
                foreach (var row in escalated)
                {
                    verdicts[row] = policy.OnCloudUnavailable(verdicts[row]);
                }

                escalated.Clear();
            }
        }

        return Merge(request, edge, edgeNode, cloudAnswer, escalated, verdicts, site, started);
    }

    /// <summary>Asks the cloud for a request's rows off the critical path (confident-answer audits).</summary>
    public Task<TierAnswer> AuditAsync(ModelRoute route, InferenceRequest rows, CancellationToken cancellationToken) =>
        ObserveLinkAsync(TierClient.InferAsync(
            clients.CreateClient(CloudClientName), "cloud", "cloud", _cloudAddress, route.CloudModel, rows, cancellationToken, version: cloudVersions.Pick(route.Model)));

    /// <summary>Each call picks its cloud version on its own, so a batch's unsure rows and an audit may see different versions of a split.</summary>
    private Task<TierAnswer> AskCloudAsync(RoutePlan plan, InferenceRequest body, CancellationToken cancellationToken, ReadOnlyMemory<byte>? json = null) =>
        ObserveLinkAsync(TierClient.InferAsync(
            clients.CreateClient(CloudClientName), "cloud", "cloud", _cloudAddress, plan.Model.CloudModel, body, cancellationToken, json, cloudVersions.Pick(plan.Model.Model)));

    /// <summary>Every cloud call tells the link state what it saw; a refusal (4xx) or an error answer still crossed the link.</summary>
    private async Task<TierAnswer> ObserveLinkAsync(Task<TierAnswer> call)
    {
        try
        {
            var answer = await call;
            link.Succeeded("a cloud call was answered");
            return answer;
        }
        catch (TierUnavailableException ex) when (ex.Transport)
        {
            link.Failed(ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is TierUnavailableException or TierRejectedException)
        {
            link.Succeeded("the cloud answered with an error");
            throw;
        }
    }

    private async Task<(TierAnswer? Answer, string? Node, string Failures)> AskEdgeAsync(
        HybridRequest request, RoutePlan plan, EdgeNode? node, CancellationToken cancellationToken)
    {
        if (node is null)
        {
            return (null, null, "no edge node is available");
        }

        var attempts = new EdgeAttempts(node, tried => edges.Pick(request.Site ?? plan.Request.Site, tried, allowOtherSites: !request.Private));
        var call = new EdgeCall(this, clients.CreateClient(EdgeClientName), attempts, plan.Model.EdgeModel, request);
        var resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        resilience.Properties.Set(EdgeCallKey, call);
        try
        {
            var outcome = await _edgeHedging.ExecuteOutcomeAsync(
                static async (ctx, state) => await state.RunAsync(state.Attempts.First, ctx.CancellationToken),
                resilience,
                call);
            return outcome.Exception is null ? (outcome.Result, outcome.Result!.Node, "") : (null, null, attempts.Failures);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    /// <summary>
    /// Polly hedging over edge nodes: when a node fails the next one is asked at once, and when it is slower
    /// than <c>Edges:HedgeAfterMs</c> a second node is asked in parallel and the first answer wins, which cuts
    /// the tail latency a busy or throttled node would add. At most <see cref="MaxEdgeAttempts"/> nodes.
    /// </summary>
    private static ResiliencePipeline<TierAnswer> BuildEdgeHedging(EdgeNodesOptions options) =>
        new ResiliencePipelineBuilder<TierAnswer>()
            .AddHedging(new HedgingStrategyOptions<TierAnswer>
            {
                MaxHedgedAttempts = MaxEdgeAttempts - 1,
                Delay = options.HedgeAfterMs > 0 ? TimeSpan.FromMilliseconds(options.HedgeAfterMs) : Timeout.InfiniteTimeSpan,
                ShouldHandle = new PredicateBuilder<TierAnswer>().Handle<TierUnavailableException>(),
                ActionGenerator = args =>
                {
                    var call = args.ActionContext.Properties.GetValue(EdgeCallKey, null!);
                    var next = call.Attempts.Next();
                    return next is null ? null : async () => await call.RunAsync(next, args.ActionContext.CancellationToken);
                },
            })
            .Build();

    private void OnEdgeFailure(EdgeNode node, string requestId, TierUnavailableException failure)
    {
        LogEdgeFailed(node.Name, requestId, failure.Message);

        // A call that got no answer ejects the node at once; error answers and the open breaker's refusals are the breaker's to judge.
        if (failure.Transport && failure.InnerException is not Polly.CircuitBreaker.BrokenCircuitException)
        {
            edges.ReportFailure(node);
        }
    }

    private static readonly ResiliencePropertyKey<EdgeCall> EdgeCallKey = new("hybridinference.edge-call");

    /// <summary>One request's calls to edge nodes, as the hedging attempts make them.</summary>
    private sealed class EdgeCall(HybridInferenceService service, HttpClient client, EdgeAttempts attempts, string model, HybridRequest request)
    {
        public EdgeAttempts Attempts => attempts;

        public async ValueTask<Outcome<TierAnswer>> RunAsync(EdgeNode node, CancellationToken cancellationToken)
        {
            try
            {
                var warm = node.Latency.Warm;
                var answer = await TierClient.InferAsync(client, "edge", node.Name, node.InferAddress, model, request.Body, cancellationToken, request.Json, httpVersion: node.InferVersion);
                node.Latency.Record(answer.ElapsedMs, warm);
                return Outcome.FromResult(answer);
            }
            catch (TierUnavailableException ex)
            {
                service.OnEdgeFailure(node, request.RequestId, ex);
                attempts.Failed(node, ex.Message);
                return Outcome.FromException<TierAnswer>(ex);
            }
        }
    }

    private static HybridAnswer AllFrom(HybridRequest request, TierAnswer answer, string tier, string? reason, TierAnswer? edge, string? edgeNode, string site, long started)
    {
        var rows = Enumerable.Range(0, answer.Rows).Select(row =>
        {
            var (cls, confidence) = answer.Top(row);
            return edge is null
                ? new RowOutcome(tier, reason, null, null, cls, confidence, false)
                : new RowOutcome(tier, reason, cls, confidence, null, null, false);
        }).ToList();
        return new HybridAnswer(request, answer.Probabilities, answer.Classes, rows,
            edge, edge is null ? answer : null, edgeNode, site, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static HybridAnswer Merge(
        HybridRequest request, TierAnswer edge, string? edgeNode, TierAnswer? cloud, List<int> escalated, EdgeVerdict[] verdicts, string site, long started)
    {
        var merged = (float[])edge.Probabilities.Clone();
        var rows = new RowOutcome[edge.Rows];
        for (var row = 0; row < edge.Rows; row++)
        {
            var (edgeClass, edgeConfidence) = edge.Top(row);
            var verdict = verdicts[row];
            rows[row] = new RowOutcome(verdict.Tier.ToLabel(), verdict.Reason?.Label, edgeClass, edgeConfidence, null, null, verdict.Audit && !verdict.Escalate);
        }

        if (cloud is not null)
        {
            for (var i = 0; i < escalated.Count; i++)
            {
                var row = escalated[i];
                cloud.Row(i).CopyTo(merged.AsSpan(row * edge.Classes, edge.Classes));
                var (cloudClass, cloudConfidence) = cloud.Top(i);
                rows[row] = rows[row] with { Tier = AnswerTierLabels.Cloud, CloudClass = cloudClass, CloudConfidence = cloudConfidence };
            }
        }

        return new HybridAnswer(request, merged, edge.Classes, rows, edge, cloud, edgeNode, site, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Edge node {Node} failed request {RequestId}: {Reason}; asking another node")]
    private partial void LogEdgeFailed(string node, string requestId, string reason);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Cloud failed request {RequestId}: {Reason}; falling back to the edge answer")]
    private partial void LogCloudDown(string requestId, string reason);
}
