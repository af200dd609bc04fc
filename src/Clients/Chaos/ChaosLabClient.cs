using System.Net.Http.Json;
using HybridInference.Contracts.Chaos;

namespace HybridInference.Clients.Chaos;

/// <summary>
/// ChaosLab's API: faults (<c>/api/faults</c>: list, read, set, remove, clear) and experiments
/// (<c>/api/experiments</c>: list, read, run, follow a run's report, confirm a harness action). Failures are
/// <see cref="ApiException"/>s carrying ChaosLab's problem detail, or saying it could not be reached.
/// </summary>
public sealed class ChaosLabClient(HttpClient http)
{
    private const string Service = "chaoslab";

    /// <summary>Every fault not yet expired, oldest first.</summary>
    public Task<IReadOnlyList<Fault>> ListFaultsAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, "/api/faults", ChaosJsonContext.Default.IReadOnlyListFault, Service, cancellationToken);

    /// <summary>One active fault; a 404 <see cref="ApiException"/> when there is none by that id (it may have expired).</summary>
    public Task<Fault> GetFaultAsync(string id, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, FaultPath(id), ChaosJsonContext.Default.Fault, Service, cancellationToken);

    /// <summary>Injects a fault; the answer is the fault as validated (id, target, start and expiry). A bad field is a 400 naming it.</summary>
    public Task<Fault> SetFaultAsync(FaultRequest fault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/faults")
        {
            Content = JsonContent.Create(fault, ChaosJsonContext.Default.FaultRequest),
        };
        return ApiCalls.ReadAsync(http, request, ChaosJsonContext.Default.Fault, Service, cancellationToken);
    }

    /// <summary>Ends one fault now; a 404 <see cref="ApiException"/> when there is none by that id.</summary>
    public async Task RemoveFaultAsync(string id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, FaultPath(id));
        using var response = await ApiCalls.SendAsync(http, request, Service, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends every fault now; the answer says how many there were.</summary>
    public Task<ClearedFaults> ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.ReadAsync(http, new HttpRequestMessage(HttpMethod.Delete, "/api/faults"), ChaosJsonContext.Default.ClearedFaults, Service, cancellationToken);

    /// <summary>The names of the experiment files ChaosLab can run.</summary>
    public Task<IReadOnlyList<string>> ListExperimentsAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, "/api/experiments", ChaosJsonContext.Default.IReadOnlyListString, Service, cancellationToken);

    /// <summary>One experiment as validated; a 400 <see cref="ApiException"/> naming each bad field of an invalid file, a 404 for an unknown name.</summary>
    public Task<Experiment> GetExperimentAsync(string name, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, ExperimentPath(name), ChaosJsonContext.Default.Experiment, Service, cancellationToken);

    /// <summary>Starts a run of <paramref name="name"/>; a 409 <see cref="ApiException"/> while another run goes (one at a time).</summary>
    public Task<RunStarted> RunExperimentAsync(string name, CancellationToken cancellationToken = default) =>
        ApiCalls.ReadAsync(http, new HttpRequestMessage(HttpMethod.Post, ExperimentPath(name) + "/run"), ChaosJsonContext.Default.RunStarted, Service, cancellationToken);

    /// <summary>Every run ChaosLab keeps, newest first, without their samples.</summary>
    public Task<IReadOnlyList<ExperimentReport>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, "/api/experiments/runs", ChaosJsonContext.Default.IReadOnlyListExperimentReport, Service, cancellationToken);

    /// <summary>A run's report so far: status, timeline and pending actions while it runs; checks, measurements and samples once it ended.</summary>
    public Task<ExperimentReport> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, RunPath(runId), ChaosJsonContext.Default.ExperimentReport, Service, cancellationToken);

    /// <summary>A run's report as ChaosLab renders it in Markdown.</summary>
    public async Task<string> GetReportMarkdownAsync(string runId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RunPath(runId) + "/report.md");
        using var response = await ApiCalls.SendAsync(http, request, Service, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells the run that the harness took action <paramref name="actionId"/>; a 404 <see cref="ApiException"/> when it has
    /// no such action waiting, a 400 when <see cref="ActionDone.PerformedAt"/> or the detail is refused.
    /// </summary>
    public async Task ConfirmActionAsync(string runId, string actionId, ActionDone done, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(done);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{RunPath(runId)}/actions/{Uri.EscapeDataString(actionId)}")
        {
            Content = JsonContent.Create(done, ChaosJsonContext.Default.ActionDone),
        };
        using var response = await ApiCalls.SendAsync(http, request, Service, cancellationToken).ConfigureAwait(false);
    }

    private static string FaultPath(string id) => $"/api/faults/{Uri.EscapeDataString(id)}";

    private static string ExperimentPath(string name) => $"/api/experiments/{Uri.EscapeDataString(name)}";

    private static string RunPath(string runId) => $"/api/experiments/runs/{Uri.EscapeDataString(runId)}";
}
